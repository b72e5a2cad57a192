/**
 * A static guard against catastrophic backtracking in the linter's own regular expressions: each
 * pattern may hold at most one unbounded quantifier (`*`, `+`, `{n,}`), and never inside a group
 * that is itself repeated without bound (star height ≤ 1). The old heading pattern
 * `^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$` had four unbounded quantifiers in a row and took ~56 s on a
 * heading with 5,000 spaces. Used by test/lint/hostile.test.ts on every literal in src/lint.
 */
export interface RegexAudit {
  unbounded: number;
  nested: boolean;
}

export function auditPattern(source: string): RegexAudit {
  let unbounded = 0;
  let nested = false;
  const groups: boolean[] = []; // per open group: does it contain an unbounded quantifier?
  let lastGroupHadUnbounded: boolean | undefined;
  let i = 0;
  const mark = () => {
    unbounded++;
    for (let g = 0; g < groups.length; g++) groups[g] = true;
  };
  while (i < source.length) {
    const c = source[i]!;
    let closedGroup: boolean | undefined;
    if (c === "\\") i += 2;
    else if (c === "[") {
      i++;
      while (i < source.length && source[i] !== "]") i += source[i] === "\\" ? 2 : 1;
      i++;
    } else if (c === "(") {
      groups.push(false);
      i++;
    } else if (c === ")") {
      closedGroup = groups.pop() ?? false;
      i++;
    } else i++;
    // A quantifier applies to what was just read.
    const q = source[i];
    let isUnbounded = false;
    if (q === "*" || q === "+") {
      isUnbounded = true;
      i++;
    } else if (q === "{") {
      const close = source.indexOf("}", i);
      const body = close > 0 ? source.slice(i + 1, close) : "";
      if (/^\d{1,9},\d{0,9}$/.test(body) || /^\d{1,9}$/.test(body)) {
        isUnbounded = body.endsWith(",");
        i = close + 1;
      }
    } else if (q === "?") i++;
    if (source[i] === "?" && (q === "*" || q === "+" || q === "{" || q === "?")) i++; // lazy
    if (isUnbounded) {
      if (closedGroup ?? lastGroupHadUnbounded) nested ||= closedGroup === true;
      mark();
    }
    lastGroupHadUnbounded = closedGroup;
  }
  return { unbounded, nested };
}

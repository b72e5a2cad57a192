import { Parser } from "htmlparser2";

/**
 * The forms and the visible text of an HTML page, read with htmlparser2 (a streaming tokenizer:
 * one linear pass, tolerant of the broken markup real pages have, entities decoded).
 */

export interface FormInput {
  /** "input" | "textarea" | "select" */
  tag: string;
  name: string;
  /** Lower-cased `type`, "text" when absent. */
  type: string;
  value: string;
  pattern?: string;
  autocomplete?: string;
}

export interface SubmitButton {
  name?: string;
  value: string;
  /** The label a person reads (the button's text, or an input's value). */
  label: string;
  formNoValidate: boolean;
}

export interface HtmlForm {
  /** As written; "" when absent (the form posts to its page). */
  action: string;
  /** Lower-cased; "get" when absent. */
  method: string;
  inputs: FormInput[];
  buttons: SubmitButton[];
}

export interface ParsedPage {
  title: string;
  /** Visible text with whitespace collapsed (no script, style or template content). */
  text: string;
  forms: HtmlForm[];
}

const HIDDEN_TEXT = new Set(["script", "style", "template", "noscript", "head"]);

export function parsePage(html: string): ParsedPage {
  const forms: HtmlForm[] = [];
  const text: string[] = [];
  let title = "";
  let form: HtmlForm | undefined;
  let hiddenDepth = 0;
  let inTitle = false;
  let button: (SubmitButton & { text: string[] }) | undefined;
  let textarea: FormInput | undefined;
  let select: { input: FormInput; first?: string; chosen?: string } | undefined;

  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (name === "title") inTitle = true;
        if (HIDDEN_TEXT.has(name)) hiddenDepth += 1;
        if (name === "form") {
          form = { action: attrs.action ?? "", method: (attrs.method ?? "get").toLowerCase(), inputs: [], buttons: [] };
          forms.push(form);
          return;
        }
        if (form === undefined) return;
        if (name === "input") {
          const type = (attrs.type ?? "text").toLowerCase();
          if (type === "submit" || type === "image") {
            form.buttons.push({ ...(attrs.name ? { name: attrs.name } : {}), value: attrs.value ?? "", label: attrs.value ?? "", formNoValidate: "formnovalidate" in attrs });
          } else if (attrs.name && type !== "button" && type !== "reset" && type !== "file") {
            if ((type === "checkbox" || type === "radio") && !("checked" in attrs)) return;
            form.inputs.push({
              tag: "input",
              name: attrs.name,
              type,
              value: attrs.value ?? (type === "checkbox" || type === "radio" ? "on" : ""),
              ...(attrs.pattern !== undefined ? { pattern: attrs.pattern } : {}),
              ...(attrs.autocomplete !== undefined ? { autocomplete: attrs.autocomplete.toLowerCase() } : {}),
            });
          }
        } else if (name === "button") {
          const type = (attrs.type ?? "submit").toLowerCase();
          if (type === "submit") button = { ...(attrs.name ? { name: attrs.name } : {}), value: attrs.value ?? "", label: "", formNoValidate: "formnovalidate" in attrs, text: [] };
        } else if (name === "textarea" && attrs.name) {
          textarea = { tag: "textarea", name: attrs.name, type: "textarea", value: "" };
          form.inputs.push(textarea);
        } else if (name === "select" && attrs.name) {
          select = { input: { tag: "select", name: attrs.name, type: "select", value: "" } };
          form.inputs.push(select.input);
        } else if (name === "option" && select) {
          const value = attrs.value ?? "";
          select.first ??= value;
          if ("selected" in attrs) select.chosen = value;
        }
      },
      ontext(data) {
        if (inTitle) title += data;
        if (hiddenDepth === 0) text.push(data);
        if (button) button.text.push(data);
        if (textarea) textarea.value += data;
      },
      onclosetag(name) {
        if (name === "title") inTitle = false;
        if (HIDDEN_TEXT.has(name) && hiddenDepth > 0) hiddenDepth -= 1;
        if (name === "button" && button && form) {
          const { text: parts, ...rest } = button;
          form.buttons.push({ ...rest, label: collapse(parts.join(" ")) });
          button = undefined;
        }
        if (name === "textarea") textarea = undefined;
        if (name === "select" && select) {
          select.input.value = select.chosen ?? select.first ?? "";
          select = undefined;
        }
        if (name === "form") form = undefined;
        if (BLOCK.has(name)) text.push(" ");
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  return { title: collapse(title), text: collapse(text.join(" ")), forms };
}

const BLOCK = new Set(["p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "br", "tr", "label", "section", "article", "header", "footer", "main", "form", "button"]);

function collapse(s: string): string {
  return s.replace(/\s+/g, " ").trim();
}

/** The inputs that look like the one-time code box: a `pattern` or autocomplete=one-time-code. */
export function codeInputsOf(form: HtmlForm): FormInput[] {
  return form.inputs.filter((i) => i.type !== "hidden" && (i.pattern !== undefined || i.autocomplete === "one-time-code"));
}

const REFUSAL_LABEL = /\b(deny|refuse|reject|decline|cancel|no)\b/i;

/** The button a person presses to refuse, if the form has one. */
export function refusalButtonOf(form: HtmlForm): SubmitButton | undefined {
  return form.buttons.find((b) => REFUSAL_LABEL.test(b.label) || REFUSAL_LABEL.test(b.value));
}

/** The button a person presses to go ahead: the first submit control that is not a refusal. */
export function approvalButtonOf(form: HtmlForm): SubmitButton | undefined {
  return form.buttons.find((b) => !(REFUSAL_LABEL.test(b.label) || REFUSAL_LABEL.test(b.value)));
}

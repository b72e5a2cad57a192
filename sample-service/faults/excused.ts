/**
 * Requirements no fault switch of the sample service can break, each with the reason. The kill
 * matrix reports coverage of the catalogue as: named by a switch, or excused here.
 */
export const EXCUSED_REQUIREMENTS: Readonly<Record<string, string>> = {};

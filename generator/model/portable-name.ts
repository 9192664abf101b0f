// One definition of a portable file or folder name, shared by apply's output-path safety and the
// studio/desktop model-path checks (issue 19: the two had drifted; the studio's lacked COM¹²³/LPT¹²³
// and NFC). Pure: no node:fs, usable in the browser.

/** Device names Windows reserves in every folder, with or without an extension (superscripts included). */
export const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;

/** True when `text` is in Unicode NFC (macOS and Windows may otherwise store another name). */
export const isNfc = (text: string): boolean => /^[\x20-\x7e]*$/.test(text) || text.normalize('NFC') === text;

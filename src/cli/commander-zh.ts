// Commander's own error messages in Chinese, for a run in Chinese (the
// default): an unknown option or command, an option without its value, a
// value an option's parser refused (with that parser's own Chinese reason),
// a value outside an option's choices. Commander writes them in English; the
// program's outputError hook passes them through zhCommanderError.

/** The Chinese reason of each refusal an option parser made (cli/options.ts `invalid`), by its English text. */
const REASONS = new Map<string, string>();

/** Remembers the Chinese text of a parser's refusal, for the message commander builds around its English. */
export function rememberReason(en: string, zh: string): void {
  REASONS.set(en, zh);
}

/** A choice list or a parser's reason in Chinese, else as it is. */
function reason(en: string): string {
  const known = REASONS.get(en);
  if (known !== undefined) return known;
  const choices = /^Allowed choices are (.*)\.$/.exec(en);
  return choices ? `可选值：${choices[1]}。` : en;
}

/** Commander's message (one or more lines, "error: ..." first) in Chinese where it is one of its known forms. */
export function zhCommanderError(text: string): string {
  const lines = text.replace(/\n$/, '').split('\n');
  const first = lines[0]!;
  let m: RegExpExecArray | null;
  let zh = first;
  if ((m = /^error: option '(.+?)' argument '(.*?)' is invalid\.\s*(.*)$/.exec(first))) zh = `错误：选项 ${m[1]} 的值"${m[2]}"无效。${reason(m[3]!)}`;
  else if ((m = /^error: command-argument value '(.*?)' is invalid for argument '(.+?)'\.\s*(.*)$/.exec(first))) zh = `错误：参数 ${m[2]} 的值"${m[1]}"无效。${reason(m[3]!)}`;
  else if ((m = /^error: unknown option '(.+?)'$/.exec(first))) zh = `错误：未知选项 ${m[1]}`;
  else if ((m = /^error: unknown command '(.+?)'$/.exec(first))) zh = `错误：未知命令 ${m[1]}`;
  else if ((m = /^error: missing required argument '(.+?)'$/.exec(first))) zh = `错误：缺少必需的参数 ${m[1]}`;
  else if ((m = /^error: option '(.+?)' argument missing$/.exec(first))) zh = `错误：选项 ${m[1]} 缺少值`;
  else if ((m = /^error: too many arguments(?: for '(.+?)')?\. Expected (\d+) arguments? but got (\d+)\.$/.exec(first))) zh = `错误：${m[1] ? `命令 ${m[1]} 的` : ''}参数过多：应为 ${m[2]} 个，实际为 ${m[3]} 个。`;
  const rest = lines.slice(1).map((l) => {
    const s = /^\(Did you mean (?:one of )?(.+)\?\)$/.exec(l);
    return s ? `（是否指 ${s[1]}？）` : l;
  });
  return `${[zh, ...rest].join('\n')}\n`;
}

import { type Paint, painter } from '../report/paint.js';

/**
 * A check's description (checkMarkdown) as text for a terminal: headings set apart, paragraphs wrapped to the
 * width, code blocks indented, the compliance table in columns, `code` and the bold title painted when colour is
 * on. Only the Markdown checkMarkdown writes is read: headings, a bold line, paragraphs, `- ` lists, fenced code
 * and pipe tables.
 */
export function markdownAsText(markdown: string, options: { color: boolean; width: number }): string {
  const paint = painter(options.color);
  // `code` loses its backticks only where colour sets it apart instead.
  const style = (word: string) =>
    options.color ? word.replace(/`([^`]+)`/g, (_, code: string) => paint('cyan', code)) : word;
  const width = Math.max(40, Math.min(options.width, 100));
  const out: string[] = [];
  const lines = markdown.replace(/\n$/, '').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.startsWith('```')) {
      const end = lines.indexOf('```', i + 1);
      const last = end === -1 ? lines.length : end;
      out.push(...lines.slice(i + 1, last).map((code) => (code === '' ? '' : `    ${code}`)));
      i = last;
    } else if (line.startsWith('|')) {
      let end = i;
      while (lines[end + 1]?.startsWith('|')) end++;
      out.push(...table(lines.slice(i, end + 1), paint));
      i = end;
    } else if (line.startsWith('# ')) out.push(paint('bold', line.slice(2)));
    else if (line.startsWith('## ')) out.push(paint('bold', line.slice(3).toUpperCase()));
    else if (/^\*\*.+\*\*$/.test(line)) out.push(paint('bold', line.slice(2, -2)));
    else if (line.startsWith('- ')) out.push(...wrap(line.slice(2), width, '  - ', '    ', style));
    else if (line === '') out.push('');
    else out.push(...wrap(line, width, '', '', style));
  }
  return `${out.join('\n')}\n`;
}

/** Words of a line: runs of text between spaces, a `code span` with spaces kept whole. */
function words(text: string): string[] {
  const found: string[] = [];
  let word = '';
  let inCode = false;
  for (const char of text) {
    if (char === '`') inCode = !inCode;
    if (char === ' ' && !inCode) {
      if (word !== '') found.push(word);
      word = '';
    } else word += char;
  }
  if (word !== '') found.push(word);
  return found;
}

/** How many columns text takes once printed (without its colour codes). */
function visible(text: string): number {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the escape that starts a colour code
  return text.replace(/\u001b\[\d+m/g, '').length;
}

/** A paragraph wrapped to the width, each word styled: the first line after `first`, the others after `rest`. */
function wrap(
  text: string,
  width: number,
  first: string,
  rest: string,
  style: (word: string) => string,
): string[] {
  const lines: string[] = [];
  let line = first;
  let used = first.length;
  let empty = true;
  for (const word of words(text).map(style)) {
    const size = visible(word);
    if (!empty && used + 1 + size > width) {
      lines.push(line);
      line = rest;
      used = rest.length;
      empty = true;
    }
    line += empty ? word : ` ${word}`;
    used += (empty ? 0 : 1) + size;
    empty = false;
  }
  lines.push(line);
  return lines;
}

/** A pipe table in columns, its header in bold, the `| --- |` row dropped. */
function table(rows: readonly string[], paint: Paint): string[] {
  const cells = rows
    .filter((row) => !/^\|(\s*-+\s*\|)+$/.test(row))
    .map((row) =>
      row
        .slice(1, -1)
        .split('|')
        .map((cell) => cell.trim()),
    );
  const widths = (cells[0] ?? []).map((_, column) =>
    Math.max(...cells.map((row) => (row[column] ?? '').length)),
  );
  return cells.map((row, index) => {
    const text = `  ${row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('   ')}`.trimEnd();
    return index === 0 ? paint('bold', text) : text;
  });
}

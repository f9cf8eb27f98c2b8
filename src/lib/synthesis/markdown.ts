/**
 * The synthesis as Markdown: headings, lists and tables that read well as plain text and render
 * anywhere (a mail, a wiki, a forge). Participants' words are escaped, never interpreted.
 */
import type { Block, Run } from './blocks';

/** Text that Markdown shows as written: no emphasis, links, headings or HTML from a participant. */
export function escapeMd(text: string): string {
	return text.replace(/\r?\n+/g, ' ').replace(/([\\`*_[\]<>#|~])/g, '\\$1').replace(/^(\s*)([-+]|\d+\.)(\s)/, '$1\\$2$3');
}

function runs(list: Run[]): string {
	return list
		.map((r) => {
			const text = escapeMd(r.text);
			// Emphasis markers hug the words; the spaces around them stay outside.
			const [, lead, core, tail] = /^(\s*)(.*?)(\s*)$/s.exec(text)!;
			if (!core) return text;
			const mark = r.bold ? '**' : r.italic ? '_' : '';
			return `${lead}${mark}${core}${mark}${tail}`;
		})
		.join('');
}

export function toMarkdown(blocks: Block[]): string {
	const out: string[] = [];
	for (const b of blocks) {
		if (b.kind === 'heading') out.push(`${'#'.repeat(b.level)} ${escapeMd(b.text)}`);
		else if (b.kind === 'paragraph') out.push(runs(b.runs));
		else if (b.kind === 'list') out.push(b.items.map((item) => `- ${runs(item)}`).join('\n'));
		else if (b.kind === 'table') {
			const line = (cells: string[]) => `| ${cells.map(escapeMd).join(' | ')} |`;
			out.push([line(b.head), `| ${b.head.map((_, i) => (b.numeric?.includes(i) ? '---:' : '---')).join(' | ')} |`, ...b.rows.map(line)].join('\n'));
		}
		// Pictures are for Word and PDF; their figures are in the tables next to them.
	}
	return out.join('\n\n') + '\n';
}

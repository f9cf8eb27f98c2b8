/**
 * The synthesis as a Word document (the `docx` library): real headings (a navigation pane and a
 * table of contents work), tables with a header row, the pictures as PNG. Good enough to send to
 * elected officials without editing.
 */
import { AlignmentType, BorderStyle, Document, HeadingLevel, ImageRun, Packer, Paragraph, ShadingType, Table, TableCell, TableLayoutType, TableRow, TextRun, WidthType } from 'docx';
import type { Block, Picture, Run } from './blocks';

const HEADINGS = { 1: HeadingLevel.TITLE, 2: HeadingLevel.HEADING_1, 3: HeadingLevel.HEADING_2, 4: HeadingLevel.HEADING_3 } as const;
const border = { style: BorderStyle.SINGLE, size: 4, color: 'D8CDB9' };

/** The text width of an A4 page with the default margins, in twentieths of a point. */
const TEXT_WIDTH = 9026;

/**
 * Columns as wide as what they hold (header and longest cell, within bounds), so that words are
 * not broken in the middle: equal widths cut "Partenaires" into "Parten/aires".
 */
function columnWidths(head: string[], rows: string[][]): number[] {
	const weights = head.map((h, i) => {
		const longestWord = Math.max(...[h, ...rows.map((r) => r[i] ?? '')].flatMap((text) => text.split(/\s+/)).map((word) => word.length));
		const longest = Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length));
		return Math.max(longestWord + 1, Math.min(40, longest));
	});
	const total = weights.reduce((a, b) => a + b, 0);
	return weights.map((w) => Math.floor((w / total) * TEXT_WIDTH));
}

const runs = (list: Run[]) => list.map((r) => new TextRun({ text: r.text, bold: r.bold, italics: r.italic }));

export interface DocxPicture {
	png: Uint8Array;
	width: number;
	height: number;
}

export async function toDocx(blocks: Block[], opts: { title: string; lang: string; picture: (p: Picture) => DocxPicture | null }): Promise<Buffer> {
	const children: (Paragraph | Table)[] = [];
	for (const b of blocks) {
		if (b.kind === 'heading') children.push(new Paragraph({ heading: HEADINGS[b.level], children: [new TextRun(b.text)] }));
		else if (b.kind === 'paragraph') children.push(new Paragraph({ children: runs(b.runs), spacing: { after: 120 } }));
		else if (b.kind === 'list') for (const item of b.items) children.push(new Paragraph({ children: runs(item), bullet: { level: 0 } }));
		else if (b.kind === 'table') {
			const cell = (text: string, i: number, head: boolean) =>
				new TableCell({
					children: [new Paragraph({ alignment: b.numeric?.includes(i) ? AlignmentType.RIGHT : AlignmentType.LEFT, children: [new TextRun({ text, bold: head })] })],
					shading: head ? { type: ShadingType.CLEAR, color: 'auto', fill: 'EFE7D8' } : undefined,
					margins: { top: 40, bottom: 40, left: 80, right: 80 },
					borders: { top: border, bottom: border, left: border, right: border }
				});
			children.push(
				new Table({
					width: { size: TEXT_WIDTH, type: WidthType.DXA },
					columnWidths: columnWidths(b.head, b.rows),
					layout: TableLayoutType.FIXED,
					rows: [
						new TableRow({ tableHeader: true, children: b.head.map((text, i) => cell(text, i, true)) }),
						...b.rows.map((row) => new TableRow({ children: row.map((text, i) => cell(text, i, false)) }))
					]
				}),
				new Paragraph({ children: [] })
			);
		} else {
			const pic = opts.picture(b.picture);
			if (!pic) continue;
			// 16 cm wide at most (an A4 page's text width), proportions kept.
			const width = 600;
			children.push(
				new Paragraph({
					alignment: AlignmentType.CENTER,
					children: [new ImageRun({ type: 'png', data: pic.png, transformation: { width, height: Math.round((width * pic.height) / pic.width) }, altText: { name: b.alt, description: b.alt, title: b.alt } })]
				})
			);
		}
	}
	const doc = new Document({
		title: opts.title,
		creator: 'Agora',
		lastModifiedBy: 'Agora',
		styles: { default: { document: { run: { font: 'Calibri', size: 22, language: { value: opts.lang === 'fr' ? 'fr-FR' : 'en-GB' } } } } },
		sections: [{ children }]
	});
	return Packer.toBuffer(doc);
}

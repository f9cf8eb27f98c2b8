/**
 * The synthesis as a Word document (the `docx` library): real headings (a navigation pane and a
 * table of contents work), tables with a header row, the pictures as PNG. Good enough to send to
 * elected officials without editing.
 */
import { AlignmentType, BorderStyle, Document, HeadingLevel, ImageRun, Packer, Paragraph, ShadingType, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { Block, Picture, Run } from './blocks';

const HEADINGS = { 1: HeadingLevel.TITLE, 2: HeadingLevel.HEADING_1, 3: HeadingLevel.HEADING_2, 4: HeadingLevel.HEADING_3 } as const;
const border = { style: BorderStyle.SINGLE, size: 4, color: 'D8CDB9' };

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
					width: { size: 100, type: WidthType.PERCENTAGE },
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
		styles: { default: { document: { run: { font: 'Calibri', size: 22, language: { value: opts.lang === 'fr' ? 'fr-FR' : 'en-GB' } } } } },
		sections: [{ children }]
	});
	return Packer.toBuffer(doc);
}

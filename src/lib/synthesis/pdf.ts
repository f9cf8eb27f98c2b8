/**
 * The synthesis as PDF (pdfmake: no browser on the server), with the same blocks and pictures as
 * the Word document. Roboto, shipped with pdfmake, has the French letters, guillemets and
 * non-breaking spaces; the one sign it lacks (✓) is drawn as a dot.
 */
import pdfmake from 'pdfmake';
import Roboto from 'pdfmake/fonts/Roboto.js';
import type { Block, Picture, Run } from './blocks';

pdfmake.setFonts(Roboto);
// Nothing in a synthesis is fetched from elsewhere, nor read from disk but the fonts.
pdfmake.setUrlAccessPolicy(() => false);
const fontFiles = new Set(Object.values(Roboto).flatMap((f) => Object.values(f)));
pdfmake.setLocalAccessPolicy((file) => fontFiles.has(file));

const INK = '#2b2620';
const glyphs = (text: string) => text.replace(/✓/g, '●').replace(/\u202f/g, '\u00a0');
const runs = (list: Run[]) => list.map((r) => ({ text: glyphs(r.text), bold: r.bold, italics: r.italic }));

export async function toPdf(blocks: Block[], opts: { title: string; picture: (p: Picture) => { png: Uint8Array } | null }): Promise<Buffer> {
	const content: Record<string, unknown>[] = [];
	for (const b of blocks) {
		if (b.kind === 'heading') content.push({ text: glyphs(b.text), style: `h${b.level}` });
		else if (b.kind === 'paragraph') content.push({ text: runs(b.runs), margin: [0, 0, 0, 6] });
		else if (b.kind === 'list') content.push({ ul: b.items.map((item) => ({ text: runs(item) })), margin: [0, 0, 0, 6] });
		else if (b.kind === 'table') {
			const align = (i: number) => (b.numeric?.includes(i) ? 'right' : 'left');
			content.push({
				table: {
					headerRows: 1,
					widths: b.head.map((_, i) => (b.numeric?.includes(i) ? 'auto' : '*')),
					body: [
						b.head.map((text, i) => ({ text: glyphs(text), bold: true, fillColor: '#efe7d8', alignment: align(i) })),
						...b.rows.map((row) => row.map((text, i) => ({ text: glyphs(text), alignment: align(i) })))
					]
				},
				layout: 'lightHorizontalLines',
				// A row stays on one page: a contribution is not cut in two by a page break.
				dontBreakRows: true,
				fontSize: b.head.length > 5 ? 8 : 9.5,
				margin: [0, 2, 0, 10]
			});
		} else {
			const pic = opts.picture(b.picture);
			if (pic) content.push({ image: `data:image/png;base64,${Buffer.from(pic.png).toString('base64')}`, fit: [500, 320], alignment: 'center', margin: [0, 4, 0, 10] });
		}
	}
	const doc = {
		info: { title: opts.title, creator: 'Agora', producer: 'Agora' },
		pageSize: 'A4',
		pageMargins: [48, 48, 48, 56],
		defaultStyle: { font: 'Roboto', fontSize: 10.5, color: INK, lineHeight: 1.2 },
		styles: {
			h1: { fontSize: 22, bold: true, margin: [0, 0, 0, 8], color: '#1f4d37' },
			h2: { fontSize: 16, bold: true, margin: [0, 14, 0, 6], color: '#1f4d37' },
			h3: { fontSize: 12.5, bold: true, margin: [0, 10, 0, 4] },
			h4: { fontSize: 11, bold: true, margin: [0, 8, 0, 4] }
		},
		footer: (page: number, pages: number) => ({ text: `${page} / ${pages}`, alignment: 'center', fontSize: 8, color: '#6b6256' }),
		content
	};
	return pdfmake.createPdf(doc).getBuffer();
}

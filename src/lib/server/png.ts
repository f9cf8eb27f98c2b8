/** SVG to PNG on the server (resvg: no browser needed), for the pictures of Word and PDF exports. */
import { Resvg } from '@resvg/resvg-js';

export function svgToPng(svg: string, width: number): Buffer {
	const resvg = new Resvg(svg, {
		fitTo: { mode: 'width', value: width },
		font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' }
	});
	return resvg.render().asPng();
}

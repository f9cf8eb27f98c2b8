// pdfmake 0.3 ships no types: the little of its server API that Agora uses.
declare module 'pdfmake' {
	interface PdfMake {
		setFonts(fonts: Record<string, { normal: string; bold: string; italics: string; bolditalics: string }>): void;
		setUrlAccessPolicy(allow: (url: string) => boolean): void;
		setLocalAccessPolicy(allow: (path: string) => boolean): void;
		createPdf(doc: Record<string, unknown>): { getBuffer(): Promise<Buffer> };
	}
	const pdfmake: PdfMake;
	export default pdfmake;
}
declare module 'pdfmake/fonts/Roboto.js' {
	const fonts: Record<string, { normal: string; bold: string; italics: string; bolditalics: string }>;
	export default fonts;
}

/** An export's file name: the session's title and date, in letters any system accepts. */
export function exportFileName(title: string, createdAt: number, ext: string, part?: string): string {
	const slug =
		title
			.normalize('NFD')
			.replace(/[\u0300-\u036f]/g, '')
			.replace(/[’']/g, '-')
			.replace(/[^A-Za-z0-9]+/g, '-')
			.replace(/^-+|-+$/g, '')
			.toLowerCase()
			.slice(0, 60)
			.replace(/-+$/, '') || 'agora';
	const day = new Date(createdAt).toISOString().slice(0, 10);
	return `${slug}-${day}${part ? `-${part}` : ''}.${ext}`;
}

import { z } from 'zod';
import { accessError, apiError, bearer, isOrganiser } from '$lib/server/http';
import { loadSessionDocs } from '$lib/server/session-docs';
import { SessionView, plainReader } from '$lib/session-view';
import { buildSynthesis } from '$lib/synthesis/synthesis';
import { toMarkdown } from '$lib/synthesis/markdown';
import { synthesisBlocks, type Picture } from '$lib/synthesis/blocks';
import { toDocx } from '$lib/synthesis/docx';
import { toPdf } from '$lib/synthesis/pdf';
import { PICTURE_SIZE, pictureSvg } from '$lib/synthesis/pictures';
import { svgToPng } from '$lib/server/png';
import { CSV_TABLES, toCsv } from '$lib/synthesis/csv';
import { sessionToJson } from '$lib/synthesis/session-json';
import { exportFileName } from '$lib/synthesis/file-name';
import type { RequestHandler } from './$types';

const query = z.discriminatedUnion('format', [
	z.object({ format: z.literal('md') }),
	z.object({ format: z.literal('docx') }),
	z.object({ format: z.literal('pdf') }),
	z.object({ format: z.literal('json') }),
	z.object({ format: z.literal('csv'), table: z.enum(CSV_TABLES).default('contributions') })
]);

const TYPES = {
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	md: 'text/markdown; charset=utf-8',
	pdf: 'application/pdf', json: 'application/json; charset=utf-8', csv: 'text/csv; charset=utf-8' } as const;

/**
 * The session written out, as it is now (also mid-meeting): the synthesis in Markdown, Word or PDF, a CSV
 * table, or the whole session as JSON. The session's facilitator or the instance's organiser: a
 * participant or projector link is refused (403).
 */
export const GET: RequestHandler = async ({ params, url, request, locals }) => {
	let record = isOrganiser(locals, request) ? await locals.agora.storage.getSession(params.id) : undefined;
	if (!record) {
		const access = await locals.agora.sessions.access(params.id, bearer(request));
		if (!access.ok) return accessError(locals.lang, access.status);
		if (access.role !== 'facilitator') return apiError(locals.lang, 403, 'forbidden');
		record = access.session;
	}
	const parsed = query.safeParse(Object.fromEntries(url.searchParams));
	if (!parsed.success) return apiError(locals.lang, 400, 'invalid_format');
	const docs = await loadSessionDocs(locals, params.id);
	try {
		const view = new SessionView(plainReader(docs.board), plainReader(docs.control));
		const q = parsed.data;
		let body: string | Uint8Array<ArrayBuffer>;
		if (q.format === 'md' || q.format === 'docx' || q.format === 'pdf') {
			const lastChangeAt = await locals.agora.storage.lastUpdateAt(`${params.id}/board`);
			const synthesis = buildSynthesis({ view, createdAt: record.createdAt, lastChangeAt });
			const blocks = synthesisBlocks(synthesis);
			const picture = (p: Picture) => ({ png: svgToPng(pictureSvg(p, synthesis), PICTURE_SIZE[p].width), ...PICTURE_SIZE[p] });
			if (q.format === 'md') body = toMarkdown(blocks);
			else if (q.format === 'docx') body = new Uint8Array(await toDocx(blocks, { title: synthesis.title, lang: synthesis.lang, picture }));
			else body = new Uint8Array(await toPdf(blocks, { title: synthesis.title, picture }));
		} else if (q.format === 'csv') body = toCsv(view, q.table);
		else body = JSON.stringify(sessionToJson(docs), null, '\t');
		const name = exportFileName(view.meta.title || record.title, record.createdAt, q.format, q.format === 'csv' ? q.table : undefined);
		return new Response(body, {
			headers: {
				'content-type': TYPES[q.format],
				'content-disposition': `attachment; filename="${name}"`,
				'cache-control': 'no-store'
			}
		});
	} finally {
		docs.destroy();
	}
};

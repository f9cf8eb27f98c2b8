import { z } from 'zod';
import { accessError, apiError, bearer } from '$lib/server/http';
import { loadSessionDocs } from '$lib/server/session-docs';
import { SessionView, plainReader } from '$lib/session-view';
import { buildSynthesis } from '$lib/synthesis/synthesis';
import { toMarkdown } from '$lib/synthesis/markdown';
import { CSV_TABLES, toCsv } from '$lib/synthesis/csv';
import { sessionToJson } from '$lib/synthesis/session-json';
import { exportFileName } from '$lib/synthesis/file-name';
import type { RequestHandler } from './$types';

const query = z.discriminatedUnion('format', [
	z.object({ format: z.literal('md') }),
	z.object({ format: z.literal('json') }),
	z.object({ format: z.literal('csv'), table: z.enum(CSV_TABLES).default('contributions') })
]);

const TYPES = { md: 'text/markdown; charset=utf-8', json: 'application/json; charset=utf-8', csv: 'text/csv; charset=utf-8' } as const;

/**
 * The session written out, as it is now (also mid-meeting): the synthesis in Markdown, a CSV
 * table, or the whole session as JSON. Facilitator only: a participant or projector link is
 * refused (403).
 */
export const GET: RequestHandler = async ({ params, url, request, locals }) => {
	const access = await locals.agora.sessions.access(params.id, bearer(request));
	if (!access.ok) return accessError(locals.lang, access.status);
	if (access.role !== 'facilitator') return apiError(locals.lang, 403, 'forbidden');
	const parsed = query.safeParse(Object.fromEntries(url.searchParams));
	if (!parsed.success) return apiError(locals.lang, 400, 'invalid_format');
	const record = access.session;
	const docs = await loadSessionDocs(locals, params.id);
	try {
		const view = new SessionView(plainReader(docs.board), plainReader(docs.control));
		const q = parsed.data;
		let body: string;
		if (q.format === 'md') {
			const lastChangeAt = await locals.agora.storage.lastUpdateAt(`${params.id}/board`);
			body = toMarkdown(buildSynthesis({ view, createdAt: record.createdAt, lastChangeAt }));
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

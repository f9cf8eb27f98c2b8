/** Downloads one export of a session to the device, as a file named by the server. */
import { download, type ApiResult } from '$lib/api-client';

export async function saveExport(sessionId: string, token: string, format: string, extra = ''): Promise<ApiResult<{ name: string }>> {
	const res = await download(`/api/sessions/${sessionId}/export?format=${format}${extra}`, token);
	if (!res.ok) return res;
	const url = URL.createObjectURL(res.data.blob);
	const a = document.createElement('a');
	a.href = url;
	a.download = res.data.name;
	document.body.append(a);
	a.click();
	a.remove();
	setTimeout(() => URL.revokeObjectURL(url), 10_000);
	return { ok: true, data: { name: res.data.name } };
}

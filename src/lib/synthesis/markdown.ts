/**
 * The synthesis as Markdown: headings, lists and tables that read well as plain text and render
 * anywhere (a mail, a wiki, a forge). Participants' words are escaped, never interpreted.
 */
import { wordsFor } from '$lib/i18n/messages';
import type { Synthesis } from './synthesis';
import { typeset } from './typography';

/** Text that Markdown shows as written: no emphasis, links, headings or HTML from a participant. */
export function escapeMd(text: string): string {
	return text.replace(/\r?\n+/g, ' ').replace(/([\\`*_[\]<>#|~])/g, '\\$1').replace(/^(\s*)([-+]|\d+\.)(\s)/, '$1\\$2$3');
}

function table(head: string[], rows: string[][]): string {
	const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
	return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

export function toMarkdown(s: Synthesis): string {
	const w = wordsFor(() => s.lang);
	const t = w.t;
	const ty = (text: string) => typeset(text, s.lang);
	const x = (text: string) => escapeMd(ty(text));
	const none = `_${ty(t('synthesis.nothingYet'))}_`;
	const colon = s.lang === 'fr' ? '\u00a0:' : ':';
	const out: string[] = [];
	const h = (level: number, text: string) => out.push(`${'#'.repeat(level)} ${x(text)}`, '');
	const p = (text: string) => out.push(text, '');

	h(1, s.title || t('synthesis.untitled'));
	const facts = [s.territory && x(s.territory), s.startedAt && w.date(s.startedAt), s.minutes !== null && ty(w.count('synthesis.minutes', s.minutes))].filter(Boolean);
	if (facts.length) p(facts.join(' · '));
	p(`_${ty(t('synthesis.generated', { date: w.date(s.generatedAt), time: w.time(s.generatedAt) }))}_`);

	h(2, t('synthesis.participants'));
	if (s.participants.count === 0) p(none);
	else {
		p(ty(w.count('synthesis.participantCount', s.participants.count)));
		if (s.participants.colleges.length) {
			out.push(...s.participants.colleges.map((c) => `- ${x(c.label)}${colon} ${c.count}`));
			if (s.participants.withoutCollege) out.push(`- ${ty(t('synthesis.noCollege'))}${colon} ${s.participants.withoutCollege}`);
			out.push('');
		}
	}

	h(2, t('synthesis.needs'));
	for (const need of s.needs) {
		h(3, `${need.label} (${w.count('synthesis.contributionCount', need.count)})`);
		if (need.groups.length === 0) p(none);
		for (const g of need.groups) {
			if (g.label !== null) out.push(`**${x(g.label)}**`, '');
			out.push(...g.items.map((i) => `- ${x(i.text)}${i.times > 1 ? ` _(${ty(w.count('synthesis.saidTimes', i.times))})_` : ''}`), '');
		}
	}

	h(3, t('synthesis.votes'));
	if (s.votes.length === 0) p(none);
	for (const v of s.votes) {
		h(4, `${t(`synthesis.voteOn.${v.target}`)} (${w.count('synthesis.voters', v.voters)})`);
		const head = [t('synthesis.place'), t(`synthesis.item.${v.target}`), t('synthesis.need'), t('synthesis.dots')];
		const college = v.byCollege;
		p(
			table(
				college ? [...head, ...college.colleges.map(x)] : head,
				v.ranked.map((r, i) => [String(r.place), x(r.text), x(r.need), String(r.dots), ...(college ? college.dots[i].map(String) : [])])
			)
		);
	}

	h(3, t('synthesis.radar'));
	if (s.radar.respondents === 0) p(none);
	else {
		p(ty(w.count('synthesis.respondents', s.radar.respondents)));
		const byCollege = s.radarByCollege;
		p(
			table(
				[t('synthesis.need'), t('synthesis.mean'), t('synthesis.spread'), t('synthesis.answers'), ...byCollege.map((c) => x(c.college))],
				s.radar.rows.map((r, i) => [
					x(r.need),
					r.mean === null ? '—' : w.number(r.mean),
					r.spread === null ? '—' : w.number(r.spread),
					String(r.count),
					...byCollege.map((c) => (c.means[i] === null ? '—' : w.number(c.means[i]!)))
				])
			)
		);
	}

	h(2, t('synthesis.actors'));
	if (s.actors.length === 0) p(none);
	else {
		p(
			table(
				[t('synthesis.actor'), t('synthesis.category'), t('synthesis.stages'), t('synthesis.position'), t('synthesis.stance')],
				s.actors.map((a) => [x(a.name), x(a.category), x(a.stages.join(', ')), x(a.quadrant), x(a.stance)])
			)
		);
		h(3, t('synthesis.byCategory'));
		out.push(...s.actorsByCategory.map((c) => `- ${x(c.category)}${colon} ${c.count}`), '');
		h(3, t('synthesis.lanes'));
		out.push(...s.lanes.map((l) => `- **${x(l.stage)}**${colon} ${l.actors.length ? l.actors.map(x).join(', ') : `_${ty(t('synthesis.nobody'))}_`}`), '');
	}
	h(3, t('missing.title'));
	p(s.missingCategories.length ? s.missingCategories.map(x).join(', ') : ty(t('missing.none')));
	if (s.relations.length) {
		h(3, t('synthesis.relations'));
		out.push(...s.relations.map((r) => `- ${x(r)}`), '');
	}

	h(2, t('synthesis.actions'));
	if (s.actions.length === 0) p(none);
	else {
		p(
			table(
				[t('synthesis.action'), t('synthesis.status'), t('synthesis.lead'), t('synthesis.partners'), t('synthesis.needsAnswered'), t('synthesis.due'), t('synthesis.commitments'), t('synthesis.dots')],
				s.actions.map((a) => [
					x(a.title),
					x(a.status),
					x(a.lead) || '—',
					x(a.partners.join(', ')) || '—',
					x(a.needs.join(', ')) || '—',
					a.due ? `${a.due}${a.overdue ? ` (${ty(t('synthesis.overdue'))})` : ''}` : '—',
					String(a.commitments.length),
					String(a.dots)
				])
			)
		);
		for (const a of s.actions.filter((a) => a.objective || a.detail || a.commitments.length)) {
			h(3, a.title);
			if (a.objective) p(`**${ty(t('synthesis.objective'))}**${colon} ${x(a.objective)}`);
			if (a.detail) p(x(a.detail));
			if (a.commitments.length) out.push(...a.commitments.map((c) => `- ${x(c.who)} (${x(c.role)})${c.text ? `${colon} ${x(c.text)}` : ''}`), '');
		}
	}

	h(2, t('coverage.title'));
	if (s.coverage.rows.length === 0) p(none);
	else {
		p(
			table(
				[t('synthesis.action'), ...s.coverage.needs.map(x)],
				s.coverage.rows.map((r) => [x(r.action), ...r.answers.map((yes) => (yes ? '✓' : ''))])
			)
		);
		const gap = (title: string, list: string[], ok: string) => out.push(`- **${ty(title)}**${colon} ${list.length ? list.map(x).join(', ') : ty(ok)}`);
		gap(t('coverage.uncovered'), s.coverage.uncoveredNeeds, t('coverage.nothing'));
		gap(t('coverage.withoutLead'), s.coverage.withoutLead, t('coverage.nothing'));
		gap(t('coverage.idle'), s.coverage.idleActors, t('coverage.nothing'));
		out.push('');
	}

	h(2, t('synthesis.conclusions'));
	p(s.conclusions.trim() ? s.conclusions.trim().split(/\n{2,}/).map((para) => x(para)).join('\n\n') : none);
	return out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd() + '\n';
}

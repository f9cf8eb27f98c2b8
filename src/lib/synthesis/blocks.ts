/**
 * The synthesis laid out once as a document: headings, paragraphs, lists, tables and pictures,
 * with every text in the session's language and French spacing already set. Markdown, Word and
 * PDF each write these blocks in their own way, so they say the same things in the same order.
 */
import { wordsFor } from '$lib/i18n/messages';
import { COLLEGE_MIN_GROUP } from '$lib/schema';
import type { Synthesis } from './synthesis';
import { typeset } from './typography';

/** A piece of text, possibly bold or in italics. */
export interface Run {
	text: string;
	bold?: boolean;
	italic?: boolean;
}

export type Picture = 'radar' | 'grid' | 'graph';

export type Block =
	| { kind: 'heading'; level: 1 | 2 | 3 | 4; text: string }
	| { kind: 'paragraph'; runs: Run[] }
	| { kind: 'list'; items: Run[][] }
	| { kind: 'table'; head: string[]; rows: string[][]; /** columns holding numbers, right-aligned */ numeric?: number[] }
	| { kind: 'picture'; picture: Picture; alt: string };

export function synthesisBlocks(s: Synthesis): Block[] {
	const w = wordsFor(() => s.lang);
	const t = w.t;
	const ty = (text: string) => typeset(text, s.lang);
	const colon = s.lang === 'fr' ? '\u00a0: ' : ': ';
	const out: Block[] = [];
	const h = (level: 1 | 2 | 3 | 4, text: string) => out.push({ kind: 'heading', level, text: ty(text) });
	const p = (...runs: Run[]) => out.push({ kind: 'paragraph', runs });
	const none = () => p({ text: ty(t('synthesis.nothingYet')), italic: true });
	const labelled = (label: string, value: string): Run[] => [{ text: ty(label), bold: true }, { text: colon + ty(value) }];
	// Labels themselves hold commas ("Distributeur, commerce"): lists of them are split by semicolons.
	const list = (items: string[]) => items.join(s.lang === 'fr' ? '\u00a0; ' : '; ');

	h(1, s.title || t('synthesis.untitled'));
	const facts = [s.territory, s.startedAt ? w.date(s.startedAt) : '', s.minutes !== null ? w.count('synthesis.minutes', s.minutes) : ''].filter(Boolean);
	if (facts.length) p({ text: ty(facts.join(' · ')) });
	p({ text: ty(t('synthesis.generated', { date: w.date(s.generatedAt), time: w.clock(s.generatedAt) })), italic: true });

	h(2, t('synthesis.participants'));
	if (s.participants.count === 0) none();
	else {
		p({ text: ty(w.count('synthesis.participantCount', s.participants.count)) });
		const colleges = s.participants.colleges.map((c) => [{ text: ty(c.label) + colon + c.count }]);
		if (colleges.length && s.participants.withoutCollege) colleges.push([{ text: ty(t('synthesis.noCollege')) + colon + s.participants.withoutCollege }]);
		if (colleges.length) out.push({ kind: 'list', items: colleges });
	}

	h(2, t('synthesis.needs'));
	for (const need of s.needs) {
		h(3, `${need.label} (${w.count('synthesis.contributionCount', need.count)})`);
		if (need.groups.length === 0) none();
		for (const g of need.groups) {
			// Ungrouped ones after groups get a name too, or they would read as the last group's.
			if (g.label !== null) p({ text: ty(g.label), bold: true });
			else if (need.groups.length > 1) p({ text: ty(t('synthesis.ungrouped')), bold: true });
			out.push({
				kind: 'list',
				items: g.items.map((i) => [{ text: ty(i.text) }, ...(i.times > 1 ? [{ text: ` (${ty(w.count('synthesis.saidTimes', i.times))})`, italic: true }] : [])])
			});
		}
	}

	h(2, t('synthesis.votes'));
	if (s.votes.length === 0) none();
	for (const v of s.votes) {
		h(3, `${t(`synthesis.voteOn.${v.target}`)} (${w.count('synthesis.voters', v.voters)})`);
		const college = v.byCollege;
		out.push({
			kind: 'table',
			head: [t('synthesis.place'), t(`synthesis.item.${v.target}`), t('synthesis.need'), t('synthesis.dots'), ...(college?.colleges ?? [])].map(ty),
			rows: v.ranked.map((r, i) => [String(r.place), ty(r.text), ty(r.need), String(r.dots), ...(college ? college.dots[i].map(String) : [])]),
			numeric: [0, 3, ...(college?.colleges.map((_, i) => 4 + i) ?? [])]
		});
		if (v.hiddenColleges.length > 0) p({ text: ty(t('lens.hidden', { min: COLLEGE_MIN_GROUP, colleges: v.hiddenColleges.join(', ') })) });
	}

	h(2, t('synthesis.radar'));
	if (s.radar.respondents === 0) none();
	else {
		p({ text: ty(w.count('synthesis.respondents', s.radar.respondents)) });
		out.push({ kind: 'picture', picture: 'radar', alt: ty(t('synthesis.radar')) });
		const byCollege = s.radarByCollege;
		const num = (v: number | null) => (v === null ? '—' : w.number(v));
		out.push({
			kind: 'table',
			head: [t('synthesis.need'), t('synthesis.mean'), t('synthesis.spread'), t('synthesis.answers'), ...byCollege.map((c) => c.college)].map(ty),
			rows: s.radar.rows.map((r, i) => [ty(r.need), num(r.mean), num(r.spread), String(r.count), ...byCollege.map((c) => num(c.means[i]))]),
			numeric: [1, 2, 3, ...byCollege.map((_, i) => 4 + i)]
		});
		if (s.radarHiddenColleges.length > 0) p({ text: ty(t('lens.hidden', { min: COLLEGE_MIN_GROUP, colleges: s.radarHiddenColleges.join(', ') })) });
		const said = s.radar.rows.filter((r) => r.comments.length > 0);
		if (said.length) {
			h(3, t('synthesis.comments'));
			for (const r of said) {
				p({ text: ty(r.need), bold: true });
				out.push({ kind: 'list', items: r.comments.map((c) => [{ text: ty(c) }]) });
			}
		}
	}

	h(2, t('synthesis.actors'));
	if (s.actors.length === 0) none();
	else {
		out.push({
			kind: 'table',
			head: [t('synthesis.actor'), t('synthesis.category'), t('synthesis.stages'), t('synthesis.position'), t('synthesis.stance')].map(ty),
			rows: s.actors.map((a) => [ty(a.name), ty(a.category), ty(list(a.stages)), ty(a.quadrant), ty(a.stance)])
		});
		out.push({ kind: 'picture', picture: 'grid', alt: ty(t('synthesis.position')) });
		h(3, t('synthesis.byCategory'));
		out.push({ kind: 'list', items: s.actorsByCategory.map((c) => [{ text: ty(c.category) + colon + c.count }]) });
		h(3, t('synthesis.lanes'));
		out.push({
			kind: 'list',
			items: s.lanes.map((l) => [{ text: ty(l.stage), bold: true }, l.actors.length ? { text: colon + ty(list(l.actors)) } : { text: colon + ty(t('synthesis.nobody')), italic: true }])
		});
	}
	h(3, t('missing.title'));
	p({ text: s.missingCategories.length ? ty(list(s.missingCategories)) : ty(t('missing.none')) });
	if (s.relations.length) {
		h(3, t('synthesis.relations'));
		out.push({ kind: 'picture', picture: 'graph', alt: ty(t('synthesis.relations')) });
		out.push({ kind: 'list', items: s.relations.map((r) => [{ text: ty(r) }]) });
	}

	h(2, t('synthesis.actions'));
	if (s.actions.length === 0) none();
	else {
		out.push({
			kind: 'table',
			head: [t('synthesis.action'), t('synthesis.status'), t('synthesis.lead'), t('synthesis.partners'), t('synthesis.needsAnswered'), t('synthesis.due'), t('synthesis.commitments'), t('synthesis.dots')].map(ty),
			rows: s.actions.map((a) => [
				ty(a.title),
				ty(a.status),
				ty(a.lead) || '—',
				ty(list(a.partners)) || '—',
				ty(list(a.needs)) || '—',
				a.due ? `${w.day(a.due)}${a.overdue ? ` (${ty(t('synthesis.overdue'))})` : ''}` : '—',
				String(a.commitments.length),
				String(a.dots)
			]),
			numeric: [6, 7]
		});
		for (const a of s.actions.filter((a) => a.objective || a.detail || a.commitments.length)) {
			h(3, a.title);
			if (a.objective) p(...labelled(t('synthesis.objective'), a.objective));
			if (a.detail) p({ text: ty(a.detail) });
			if (a.commitments.length)
				out.push({
					kind: 'list',
					items: a.commitments.map((c) => [
						{ text: `${ty(c.who)} (${ty(c.role)})${c.brings.length ? ` ${t('synthesis.brings')} ${list(c.brings).toLowerCase()}` : ''}${c.text ? colon + ty(c.text) : ''}` }
					])
				});
		}
	}

	h(2, t('coverage.title'));
	if (s.coverage.rows.length === 0) none();
	else {
		out.push({
			kind: 'table',
			head: [t('synthesis.action'), ...s.coverage.needs].map(ty),
			rows: s.coverage.rows.map((r) => [ty(r.action), ...r.answers.map((yes) => (yes ? '✓' : ''))])
		});
		const gap = (title: string, names: string[], nothing: 'coverage.nothing' | 'coverage.nothingF') => labelled(title, names.length ? list(names) : t(nothing));
		out.push({
			kind: 'list',
			items: [
				gap(t('coverage.uncovered'), s.coverage.uncoveredNeeds, 'coverage.nothing'),
				gap(t('coverage.withoutLead'), s.coverage.withoutLead, 'coverage.nothingF'),
				gap(t('coverage.idle'), s.coverage.idleActors, 'coverage.nothing')
			]
		});
	}

	h(2, t('synthesis.conclusions'));
	// Each line the facilitator typed is a paragraph: two lines typed were read as one.
	const paragraphs = s.conclusions.trim() ? s.conclusions.trim().split(/\s*\n\s*/) : [];
	if (paragraphs.length === 0) none();
	for (const para of paragraphs) p({ text: ty(para) });
	return out;
}

import { describe, expect, it } from 'vitest';
import { en, format, fr, translate, wordsFor } from './messages';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message catalogue', () => {
	it('has every French key in English, with the same placeholders', () => {
		expect(Object.keys(en).sort()).toEqual(Object.keys(fr).sort());
		for (const key of Object.keys(fr) as (keyof typeof fr)[]) {
			expect(placeholders(en[key]), key).toEqual(placeholders(fr[key]));
			expect(en[key].trim().length, key).toBeGreaterThan(0);
		}
	});

	it('fills placeholders and leaves unknown ones visible', () => {
		expect(format('Bonjour {name}', { name: 'Camille' })).toBe('Bonjour Camille');
		expect(format('{n} sur {total}', { n: 2 })).toBe('2 sur {total}');
		expect(translate('en', 'participant.remaining', { n: 12 })).toBe('12 characters left');
		expect(translate('fr', 'participant.remaining', { n: 12 })).toBe('12 caractères restants');
	});
});

describe('dates', () => {
	it('writes the first of a month as an ordinal in French only', () => {
		expect(wordsFor(() => 'fr').day('2027-09-01')).toBe('1er septembre 2027');
		expect(wordsFor(() => 'fr').day('2027-09-11')).toBe('11 septembre 2027');
		expect(wordsFor(() => 'en').day('2027-09-01')).toBe('1 September 2027');
	});
});


describe('counts', () => {
	it('counts zero in the singular in French and in the plural in English', () => {
		const [fr, en] = [wordsFor(() => 'fr'), wordsFor(() => 'en')];
		expect(fr.count('vote.total', 0)).toBe('0 point');
		expect(fr.count('vote.total', 1)).toBe('1 point');
		expect(fr.count('vote.total', 3)).toBe('3 points');
		expect(en.count('vote.total', 0)).toBe('0 dots');
		expect(fr.count('participant.remaining', 0)).toBe('0 caractère restant');
		expect(fr.count('facilitator.connected', 0)).toBe('0 connecté·e');
	});
});

import { describe, expect, it } from 'vitest';
import { dotsByCollege, ratingsByCollege, sessionColleges } from './colleges';

describe('colleges', () => {
	it('default to the four colleges; the facilitator renames, switches off and adds', () => {
		expect(sessionColleges({}).map((c) => c.key)).toEqual(['local_authority', 'food_economy', 'research', 'civil_society']);
		const list = sessionColleges({ research: { enabled: false, order: 2 }, farmers: { label: 'Agriculteurs', order: 1.5 }, nolabel: { order: 9 } });
		expect(list.map((c) => c.key)).toEqual(['local_authority', 'food_economy', 'farmers', 'research', 'civil_society']);
		expect(list.find((c) => c.key === 'research')!.enabled).toBe(false);
	});

	const collegeOf = (p: string) => ({ a1: 'A', a2: 'A', a3: 'A', b1: 'B', b2: 'B' })[p];

	it('split ratings by college and leave out groups under three people', () => {
		const ratings = { a1: { food: 1 }, a2: { food: 2 }, a3: { food: 3 }, b1: { food: 5 }, b2: { food: 4 }, x: { food: 5 } };
		const split = ratingsByCollege(ratings, ['food'], collegeOf, ['A', 'B']);
		expect(split[0]).toMatchObject({ college: 'A', respondents: 3 });
		expect(split[0].stats![0].mean).toBe(2);
		// Two people in B: their answers would be guessable, so nothing is shown.
		expect(split[1]).toEqual({ college: 'B', respondents: 2, stats: null });
	});

	it('split dots by college with the same rule', () => {
		const byParticipant = { a1: { t: 1 }, a2: { t: 1, u: 1 }, a3: { u: 1 }, b1: { t: 1 }, b2: { t: 1 } };
		const { voters, dots } = dotsByCollege(byParticipant, collegeOf, ['A', 'B']);
		expect(voters).toEqual({ A: 3, B: 2 });
		expect(dots).toEqual({ t: { A: 2 }, u: { A: 2 } });
	});
});

import { describe, expect, it } from 'vitest';
import { typeset } from './typography';

const nb = '\u00a0';

describe('French typography', () => {
	it('puts a non-breaking space before : ; ? ! and inside guillemets', () => {
		expect(typeset('Qui manque ? Les éleveurs ; et « les cantines » : oui !', 'fr')).toBe(
			`Qui manque${nb}? Les éleveurs${nb}; et «${nb}les cantines${nb}»${nb}: oui${nb}!`
		);
	});
	it('adds the space a participant forgot before ? and !, but leaves times and addresses alone', () => {
		expect(typeset('Pourquoi pas? Génial!', 'fr')).toBe(`Pourquoi pas${nb}? Génial${nb}!`);
		expect(typeset('À 10:30 sur https://agora.example/j/ABC?x=1', 'fr')).toBe('À 10:30 sur https://agora.example/j/ABC?x=1');
		expect(typeset('Vraiment?!', 'fr')).toBe(`Vraiment${nb}?!`);
	});
	it('leaves English as it is', () => {
		expect(typeset('Who is missing? Farmers: yes!', 'en')).toBe('Who is missing? Farmers: yes!');
	});
});

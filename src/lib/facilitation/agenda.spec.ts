import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { agendaStepSchema, CONTROL, readEntities } from '$lib/schema';
import { wordsFor } from '$lib/i18n/messages';
import { stepTitle } from './agenda';
import { addStep, updateStep } from './mutations';

describe('step titles', () => {
	it('a template step nobody renamed reads in each device’s language; renamed, it reads as written', () => {
		const control = new Y.Doc();
		const [fr, en] = [wordsFor(() => 'fr').t, wordsFor(() => 'en').t];
		const id = addStep(control, { activity: 'rate', title: en('template.step.rate'), titleKey: 'template.step.rate', minutes: 20, rank: 'a0' });
		const step = () => readEntities(control.getMap(CONTROL.agenda), agendaStepSchema)[0];
		expect(stepTitle(step(), fr)).toBe('État des lieux');
		expect(stepTitle(step(), en)).toBe('How things stand');
		updateStep(control, id, { title: 'Où en est la cantine ?' });
		expect(stepTitle(step(), en)).toBe('Où en est la cantine ?');
		// A key that is not a template's is never read as one.
		control.getMap(CONTROL.agenda).get(id) instanceof Y.Map && (control.getMap(CONTROL.agenda).get(id) as Y.Map<unknown>).set('titleKey', 'errors.server');
		expect(stepTitle(step(), en)).toBe('Où en est la cantine ?');
	});
});

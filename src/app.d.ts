import type { Agora } from '../server/agora.ts';
import type { Language } from '$lib/schema';

declare global {
	namespace App {
		interface Locals {
			agora: Agora;
			/** Interface language of this device (cookie), French by default. */
			lang: Language;
			/** True when this device chose its language; otherwise a session's language wins. */
			langChosen: boolean;
		}
		interface Error {
			message: string;
		}
	}
}

export {};

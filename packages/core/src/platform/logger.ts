import { pino } from 'pino';
import type { Logger } from '../deps';

/** JSON logs to stdout (pretty enough for a terminal with `| pino-pretty` if wanted). */
export function createLogger(name: string, level = 'info'): Logger & { level: string } {
  return pino({ name, level });
}

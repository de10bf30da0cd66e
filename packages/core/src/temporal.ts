/**
 * Text ⇄ value helpers for the temporal and boolean types, shared by casts, CSV/JSON typing and
 * connectors. Everything is UTC: DATE is days since 1970-01-01, TIMESTAMP epoch milliseconds.
 * Calendar arithmetic is done by hand (proleptic Gregorian) rather than with `Date` because
 * `Date.UTC` maps years 0–99 to 1900–1999 and allocates.
 */

export const MS_PER_SECOND = 1000;
export const MS_PER_MINUTE = 60_000;
export const MS_PER_HOUR = 3_600_000;
export const MS_PER_DAY = 86_400_000;

/** A calendar date split into its fields; month and day are 1-based. */
export interface CivilDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (month and day 1-based, not validated). */
export function daysFromCivil(year: number, month: number, day: number): number {
  // Howard Hinnant's days_from_civil: years start in March so the leap day is the year's last.
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** The calendar date of a day number (days since 1970-01-01). */
export function civilFromDays(days: number): CivilDate {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, day };
}

/** True for leap years of the proleptic Gregorian calendar. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/** Number of days in a month (1-based). */
export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : (MONTH_DAYS[month - 1] ?? 0);
}

/** Day of week of a day number: 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function dayOfWeek(days: number): number {
  return (((days + 4) % 7) + 7) % 7;
}

/** 1-based day of the year. */
export function dayOfYear(days: number): number {
  const { year } = civilFromDays(days);
  return days - daysFromCivil(year, 1, 1) + 1;
}

/** ISO 8601 week-numbering year and week (weeks start on Monday; week 1 holds the year's first Thursday). */
export function isoWeekOf(days: number): { readonly year: number; readonly week: number } {
  const isoDow = dayOfWeek(days) === 0 ? 7 : dayOfWeek(days);
  const thursday = days + (4 - isoDow);
  const year = civilFromDays(thursday).year;
  const week = Math.floor((thursday - daysFromCivil(year, 1, 1)) / 7) + 1;
  return { year, week };
}

/** The day number of an epoch-ms instant (floor, so instants before 1970 land on the right day). */
export function epochMsToDays(ms: number): number {
  return Math.floor(ms / MS_PER_DAY);
}

function isValidDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

const DATE_YMD = /^(\d{4})([-/])(\d{1,2})\2(\d{1,2})$/;
const DATE_MDY = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const DATE_DMY = /^(\d{1,2})-(\d{1,2})-(\d{4})$/;

/** Days since epoch of `YYYY-MM-DD`, `YYYY/MM/DD`, `MM/DD/YYYY` or `DD-MM-YYYY` (surrounding blanks ignored); undefined when not a valid date. */
export function parseDateText(text: string): number | undefined {
  const s = text.trim();
  let year: number;
  let month: number;
  let day: number;
  let m = DATE_YMD.exec(s);
  if (m) {
    year = Number(m[1]);
    month = Number(m[3]);
    day = Number(m[4]);
  } else if ((m = DATE_MDY.exec(s))) {
    month = Number(m[1]);
    day = Number(m[2]);
    year = Number(m[3]);
  } else if ((m = DATE_DMY.exec(s))) {
    day = Number(m[1]);
    month = Number(m[2]);
    year = Number(m[3]);
  } else {
    return undefined;
  }
  return isValidDate(year, month, day) ? daysFromCivil(year, month, day) : undefined;
}

// Date, then optionally [ T]HH:MM[:SS[.fraction]], then optionally Z or ±HH[:]MM.
const TIMESTAMP_TEXT =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ Tt](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(?:([Zz])|([+-])(\d{2}):?(\d{2}))?$/;

/**
 * Epoch ms of `YYYY-MM-DD[ T]HH:MM[:SS[.fff]]`, a date alone (midnight UTC), or RFC 3339 with `Z`
 * or an offset (`+02:00`, `-0530`); no zone means UTC. Digits past milliseconds are truncated.
 * Undefined when the text is not such a timestamp or names an impossible date or time.
 */
export function parseTimestampText(text: string): number | undefined {
  const m = TIMESTAMP_TEXT.exec(text.trim());
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (!isValidDate(year, month, day)) return undefined;
  const hour = m[4] === undefined ? 0 : Number(m[4]);
  const minute = m[5] === undefined ? 0 : Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const millis = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, '0'));
  let offsetMinutes = 0;
  if (m[9] !== undefined) {
    const oh = Number(m[10]);
    const om = Number(m[11]);
    if (oh > 23 || om > 59) return undefined;
    offsetMinutes = (m[9] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  return (
    daysFromCivil(year, month, day) * MS_PER_DAY +
    hour * MS_PER_HOUR +
    minute * MS_PER_MINUTE +
    second * MS_PER_SECOND +
    millis -
    offsetMinutes * MS_PER_MINUTE
  );
}

function pad(n: number, width: number): string {
  const s = String(Math.abs(n)).padStart(width, '0');
  return n < 0 ? `-${s}` : s;
}

/** `YYYY-MM-DD` of a day number. */
export function formatIsoDate(days: number): string {
  const { year, month, day } = civilFromDays(days);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** `YYYY-MM-DDTHH:MM:SS`, plus `.fff` only when the milliseconds are not zero; UTC, no zone suffix. */
export function formatIsoTimestamp(ms: number): string {
  const days = epochMsToDays(ms);
  const inDay = ms - days * MS_PER_DAY;
  const hour = Math.floor(inDay / MS_PER_HOUR);
  const minute = Math.floor((inDay % MS_PER_HOUR) / MS_PER_MINUTE);
  const second = Math.floor((inDay % MS_PER_MINUTE) / MS_PER_SECOND);
  const millis = inDay % MS_PER_SECOND;
  const base = `${formatIsoDate(days)}T${pad(hour, 2)}:${pad(minute, 2)}:${pad(second, 2)}`;
  return millis === 0 ? base : `${base}.${pad(millis, 3)}`;
}

/** `true/t/1` → true, `false/f/0` → false (any case, surrounding blanks ignored); anything else undefined. */
export function parseBooleanText(text: string): boolean | undefined {
  switch (text.trim().toLowerCase()) {
    case 'true':
    case 't':
    case '1':
      return true;
    case 'false':
    case 'f':
    case '0':
      return false;
    default:
      return undefined;
  }
}

import { describe, expect, it } from 'vitest';
import { csvCell, csvLine } from './csv';
import { addDays, localDaySql, tzOffsetMinutes, weekStart } from './time';

describe('CSV cells', () => {
  it('quotes separators and quotes, and defuses spreadsheet formulas in text', () => {
    expect(csvLine(['a,b', 'dit "oui"', 3, null, true])).toBe('"a,b","dit ""oui""",3,,true');
    expect(csvCell('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvCell('+33 6')).toBe("'+33 6");
    expect(csvCell('@cmd')).toBe("'@cmd");
    expect(csvCell(-3)).toBe('-3'); // numbers are data, not formulas
  });
});

describe('calendar helpers', () => {
  it('knows the platform zone offset and ISO weeks', () => {
    expect(tzOffsetMinutes('Africa/Porto-Novo', new Date('2026-07-01T12:00:00Z'))).toBe(60);
    expect(tzOffsetMinutes('UTC', new Date('2026-07-01T12:00:00Z'))).toBe(0);
    expect(tzOffsetMinutes('America/New_York', new Date('2026-01-15T12:00:00Z'))).toBe(-300);
    expect(weekStart('2026-11-22')).toBe('2026-11-16'); // a Sunday belongs to the week of Monday 16
    expect(weekStart('2026-11-16')).toBe('2026-11-16');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(localDaySql('sqlite', 'c', -300)).toBe("date(c, '-300 minutes')");
    expect(localDaySql('mysql', 'c', 60)).toBe('DATE(DATE_ADD(c, INTERVAL 60 MINUTE))');
  });
});

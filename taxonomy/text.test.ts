import { describe, expect, it } from 'vitest';
import { cellFraction, cellNumber, hasRequirementNote, normalizeKey, splitNames } from './text.ts';

describe('normalizeKey', () => {
  it('ignores case, spaces, underscores, a leading # and requirement notes', () => {
    expect(normalizeKey('이벤트 이름 (필수)')).toBe('이벤트이름');
    expect(normalizeKey('Event_Name *')).toBe('eventname');
    expect(normalizeKey('#Events')).toBe('events');
    expect(normalizeKey('ＰＲＯＰＥＲＴＹ　ＮＡＭＥ（required）')).toBe('propertyname');
    expect(normalizeKey('Window (hours)')).toBe('window');
  });
  it('recognises requirement notes', () => {
    expect(hasRequirementNote('이벤트 이름 (필수)')).toBe(true);
    expect(hasRequirementNote('name*')).toBe(true);
    expect(hasRequirementNote('Name')).toBe(false);
  });
});

describe('cell numbers', () => {
  it('reads numbers stored as text', () => {
    expect(cellNumber('35')).toBe(35);
    expect(cellNumber(' 1,234 ')).toBe(1234);
    expect(cellNumber('35%')).toBeCloseTo(0.35);
    expect(cellNumber('abc')).toBeUndefined();
    expect(cellNumber(Number.NaN)).toBeUndefined();
  });
  it('reads rates written as fractions or percentages', () => {
    expect(cellFraction('35%')).toBeCloseTo(0.35);
    expect(cellFraction('0.35')).toBe(0.35);
    expect(cellFraction('35')).toBeCloseTo(0.35);
    expect(cellFraction(1)).toBe(1);
    expect(cellFraction(250)).toBe(250);
  });
});

describe('splitNames', () => {
  it('splits on commas, newlines, ideographic commas and arrows', () => {
    expect(splitNames('a, b\nc、d > e -> f → g')).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
    expect(splitNames('  ')).toEqual([]);
  });
});

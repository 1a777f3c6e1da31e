import type { Problem } from '../errors.js';

/**
 * One cell of a form export: its text, and the typed value where the
 * spreadsheet stored one (an Excel date cell, a number). Dates are wall-clock
 * times kept in a Date's UTC fields, as Excel has no time zones.
 */
export interface FormCell {
  text: string;
  date?: Date;
  number?: number;
}

export interface FormRow {
  /** The row as the spreadsheet shows it: the header is row 1. */
  row: number;
  cells: FormCell[];
}

/** A form export, read from `.xlsx` or CSV alike. */
export interface FormTable {
  header: string[];
  rows: FormRow[];
  /** Errors mean nothing could be read. */
  problems: Problem[];
}

/** Either what a cell says, or why it cannot be read. */
export type CellResult<T> = { value: T } | { error: string; hint: string };

export function textCell(text: string): FormCell {
  return { text };
}

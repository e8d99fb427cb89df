/** Helpers for ingest tests: the staged real files in ../shared, and small hand-written files. */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { InvalidInputError } from '../../domain/errors.js';

/** ../shared/data, resolved from this file (src/engines/ingest -> repo root -> ..). */
export const SHARED_DATA = fileURLToPath(new URL('../../../../shared/data/', import.meta.url));

export function sharedPath(relative: string): string {
  return `${SHARED_DATA}${relative}`;
}

export function hasShared(relative: string): boolean {
  return existsSync(sharedPath(relative));
}

export function readShared(relative: string): string {
  return readFileSync(sharedPath(relative), 'utf8');
}

/** The InvalidInputError a call throws (fails the test if it throws nothing or something else). */
export function invalid(fn: () => unknown): InvalidInputError {
  try {
    fn();
  } catch (e) {
    if (e instanceof InvalidInputError) return e;
    throw e;
  }
  throw new Error('expected an InvalidInputError');
}

export const DC_HEADER =
  'person_id,person_name,election_id,ballot_paper_id,election_date,election_current,party_name,party_id,post_label,cancelled_poll,seats_contested,votes_cast,elected,gss,post_id';

/** A current-layout Democracy Club candidates CSV: two ballots, one a by-election, a three-seat ward. */
export const DC_CURRENT = [
  DC_HEADER,
  '101,Ann Able,local.testshire.2022-05-05,local.testshire.north.2022-05-05,2022-05-05,False,Labour Party,PP53,North,False,2,1200,True,E05000001,gss:E05000001',
  '102,Bob Baker,local.testshire.2022-05-05,local.testshire.north.2022-05-05,2022-05-05,False,Conservative and Unionist Party,PP52,North,False,2,900,True,E05000001,gss:E05000001',
  '103,Cy Cole,local.testshire.2022-05-05,local.testshire.north.2022-05-05,2022-05-05,False,Green Party,PP63,North,False,2,400,False,E05000001,gss:E05000001',
  '104,Di Dean,local.testshire.2022-05-05,local.testshire.south-and-east.by.2022-05-05,2022-05-05,False,Independent,ynmp-party:2,South & East,False,1,700,True,E05000002,gss:E05000002',
  '105,Ed Evans,local.testshire.2022-05-05,local.testshire.south-and-east.by.2022-05-05,2022-05-05,False,Labour and Co-operative Party,joint-party:53-119,South & East,False,1,650,False,E05000002,gss:E05000002',
  '106,Flo Fox,parl.2019-12-12,parl.testshire-north.2019-12-12,2019-12-12,False,Labour Party,PP53,Testshire North,False,1,20000,True,,',
].join('\n');

/** A legacy-layout file: `party:NN` ids, no seats, old post ids, columns in another order. */
export const DC_LEGACY = [
  'person_id,person_name,election_id,ballot_paper_id,election_date,party_id,party_name,post_id,post_label,gss,votes_cast,elected',
  '12318,Roger Noel Davison,local.sheffield.2021-05-06,local.sheffield.ecclesall.2021-05-06,2021-05-06,party:90,Liberal Democrats,gss:E05010867,Ecclesall,E05010867,2904,True',
  '12567,Zoe Sykes,local.sheffield.2021-05-06,local.sheffield.ecclesall.2021-05-06,2021-05-06,party:53,Labour Party,MTW:E05010867,Ecclesall,,2168,',
  '555,Ian Dee,local.sheffield.2021-05-06,local.sheffield.ecclesall.2021-05-06,2021-05-06,ynmp-party:2,Independent,gss:E05010867,Ecclesall,E05010867,99,False',
].join('\n');

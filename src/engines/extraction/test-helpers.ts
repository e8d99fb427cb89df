/** Shared by the extraction tests: run stages 1-3 on a text. */
import { resolveCoreference } from './coreference.engine.js';
import { findMentions } from './mentions.engine.js';
import { splitSentences } from './sentences.engine.js';
import { tokenize } from './tokens.engine.js';

export function analyse(text: string) {
  const sentences = splitSentences(text);
  const { mentions, councils } = findMentions(text, sentences, tokenize(text));
  const coref = resolveCoreference(text, sentences, mentions, councils);
  const entity = (type: string, name: string) =>
    coref.entities.find((e) => e.type === type && e.name === name);
  const spans = (type: string, name: string) => {
    const id = entity(type, name)?.id;
    return coref.refs
      .filter((r) => r.ids.length === 1 && r.ids[0] === id)
      .map((r) => text.slice(r.start, r.end));
  };
  return { sentences, mentions, councils, coref, entity, spans };
}

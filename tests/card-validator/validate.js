// Validates Adaptive Card JSON with the official Adaptive Cards JS SDK, targeting schema 1.5.
// Input (stdin): a JSON array of cards. Output (stdout): a JSON array, one entry per card,
// {"index": i, "errors": ["..."]}. Exit code 0 when the input could be read, 2 otherwise.
"use strict";
const AC = require("adaptivecards/dist/adaptivecards.js");

function validate(card) {
  const errors = [];
  if (typeof card !== "object" || card === null || Array.isArray(card)) return ["card is not an object"];
  if (card.type !== "AdaptiveCard") errors.push(`type must be AdaptiveCard, got ${card.type}`);
  // The SDK parses a missing version as 1.0 and an object body as empty: check those ourselves.
  if (card.version !== "1.5") errors.push(`version must be "1.5", got ${JSON.stringify(card.version)}`);
  if (card.body !== undefined && !Array.isArray(card.body)) errors.push("body must be an array");
  if (card.actions !== undefined && !Array.isArray(card.actions)) errors.push("actions must be an array");

  const ctx = new AC.SerializationContext(AC.Versions.v1_5);
  const parsed = new AC.AdaptiveCard();
  parsed.maxVersion = AC.Versions.v1_5;
  parsed.parse(card, ctx);
  for (let i = 0; i < ctx.eventCount; i++) {
    const e = ctx.getEventAt(i);
    errors.push(`parse: ${e.message}`);
  }
  for (const e of parsed.validateProperties().validationEvents) errors.push(`validate: ${e.message}`);
  return errors;
}

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", chunk => (input += chunk));
process.stdin.on("end", () => {
  let cards;
  try {
    cards = JSON.parse(input);
  } catch (err) {
    process.stderr.write(`input is not JSON: ${err.message}\n`);
    process.exit(2);
  }
  if (!Array.isArray(cards)) cards = [cards];
  process.stdout.write(JSON.stringify(cards.map((c, index) => ({ index, errors: validate(c) }))));
});

// The name-variant part of the app: the variants the reader added that the
// core accepted, as [canonical, variant] pairs, remembered in localStorage
// (user-variants.js) and added to the corpus again on the next visit.

import { loadVariants, saveVariants, withoutVariant, withVariant } from "../user-variants.js";
import { messageOf } from "../format.js";

/**
 * @param {{ engine: object, hub: object, storage: Storage | null, loaded: () => boolean, changed: () => void }} options
 *   `loaded` says whether the corpus is there to change; `changed` runs after
 *   the core's variants changed (the search again)
 */
export function createVariants({ engine, hub, storage, loaded, changed }) {
  let pairs = [];

  const said = () => hub.emit("variants:user", { pairs });

  hub.on("variant:add", async ({ canonical, variant }) => {
    if (!loaded()) return;
    try {
      await engine.call("addVariant", canonical, variant);
    } catch (error) {
      hub.emit("variant:refused", { canonical, variant, message: messageOf(error) });
      return;
    }
    pairs = withVariant(pairs, canonical, variant);
    saveVariants(storage, pairs);
    hub.emit("variant:added", { canonical, variant });
    said();
    // The new name counts for name-variant search and the entity facet at once.
    changed();
  });

  hub.on("variant:forget", async ({ canonical, variant }) => {
    if (!loaded()) return;
    let refusal = null;
    try {
      await engine.call("removeVariant", variant);
    } catch (error) {
      // A built-in name (the list held it from an older visit): it stays in the
      // corpus, but it is not the reader's to keep in their list either.
      refusal = messageOf(error);
    }
    pairs = withoutVariant(pairs, canonical, variant);
    saveVariants(storage, pairs);
    if (refusal) hub.emit("variant:refused", { canonical, variant, message: refusal, removing: true });
    else hub.emit("variant:forgotten", { canonical, variant });
    said();
    if (!refusal) changed();
  });

  /** Whether the core's entity `canonical` lists `variant` already. */
  async function known(canonical, variant) {
    try {
      const entities = await engine.call("entities");
      return entities.some((e) => e.canonical === canonical && e.variants.includes(variant));
    } catch {
      return false;
    }
  }

  return {
    /** Adds the remembered variants to the corpus; one the core now refuses is left out. */
    async applyStored() {
      for (const [canonical, variant] of loadVariants(storage)) {
        try {
          await engine.call("addVariant", canonical, variant);
          pairs = withVariant(pairs, canonical, variant);
        } catch (error) {
          // A corpus reopened from the browser's storage has the reader's variants already.
          if (await known(canonical, variant)) pairs = withVariant(pairs, canonical, variant);
          else console.info(`variant ${variant} of ${canonical} not added again: ${messageOf(error)}`);
        }
      }
    },
    /** Says the reader's variants on the hub ("variants:user"). */
    said,
  };
}

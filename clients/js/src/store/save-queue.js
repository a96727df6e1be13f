// Writes the latest state, one write at a time: a change during a write is saved right after
// it, and changes in between fold into that one write. So a burst of typing costs at most two
// writes, and nothing typed is older than one write when the tab goes away.

/**
 * @param {() => any} getRecord
 * @param {(record: any) => Promise<void>} write
 * @param {{ onError?: (e: unknown) => void }} [options]
 */
export function saveQueue(getRecord, write, { onError = () => {} } = {}) {
  let writing = null;
  let dirty = false;
  const run = async () => {
    while (dirty) {
      dirty = false;
      try {
        await write(getRecord());
      } catch (e) {
        onError(e);
      }
    }
    writing = null;
  };
  return {
    /** Marks the state changed; returns a promise that settles once it is saved. */
    schedule() {
      dirty = true;
      if (!writing) writing = run();
      return writing;
    },
    /** Settles when nothing is waiting to be written. */
    idle() {
      return writing || Promise.resolve();
    },
  };
}

/**
 * Runs tasks one after another per key (one participant's plan on this node), so every
 * socket receives that plan's events, drops and grows in the order they arrived, even when
 * a delivery must wait for an access re-check (PRODUCT.md rule 10: revocation beats delivery).
 */
export class SerialQueues {
  private readonly tails = new Map<string, Promise<void>>();

  constructor(private readonly onError: (error: unknown) => void) {}

  run(key: string, task: () => Promise<void>): Promise<void> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const next = previous.then(task).catch(this.onError);
    this.tails.set(key, next);
    void next.then(() => {
      if (this.tails.get(key) === next) this.tails.delete(key);
    });
    return next;
  }
}

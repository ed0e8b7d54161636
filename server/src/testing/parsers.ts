import { initParsers } from '../documents';

/** Terraform needs the WebAssembly parser; every suite that lints .tf files awaits this first. */
export function loadParsers(): void {
  before(async function () {
    this.timeout(20000);
    await initParsers();
  });
}

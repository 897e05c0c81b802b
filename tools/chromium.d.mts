// Types for tools/chromium.mjs, which the TypeScript browser tests import.
import type { Browser, Page } from 'playwright-core';

export declare const CHROMIUM_PATH: string;
export declare function startChromium(): Promise<Browser>;
export declare function signInOnScreen(
  page: Page,
  baseUrl: string,
  identifier: string,
  password: string,
  options?: { sharedDevice?: boolean },
): Promise<void>;
export declare function goTo(page: Page, path: string): Promise<void>;

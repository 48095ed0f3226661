/** Where the browser app gets data from besides the user's files: the sample, saved data and `?data=` URLs. */
import { dataUrls, describeFiles, fetchDataFiles, filesOfDrop, readFiles, type ReadProgress } from './browser-files';
import type { InputFile } from './decode-file';
import { createBrowserDataStore } from './persistence-browser';
import { generateSampleInWorker } from './sample/browser-sample';

async function filesFromUrls(
  urls: readonly string[],
  onProgress: (p: ReadProgress) => void,
  signal: AbortSignal,
): Promise<{ files: InputFile[]; label: string } | undefined> {
  if (urls.length === 0) return undefined;
  const files = await fetchDataFiles(urls, onProgress, signal);
  const label = urls.length === 1 ? urls[0]! : describeFiles(files);
  return { files, label };
}

/** The page's `?data=` link, asked about before it replaces saved data. */
function pageDataLink(urls: readonly string[]): { label: string; forget(): void } | undefined {
  if (urls.length === 0) return undefined;
  // The answer is kept in memory; a reload should not ask again. The files stay fetchable until then.
  const forget = () => {
    const url = new URL(location.href);
    url.searchParams.delete('data');
    history.replaceState(history.state, '', url.href);
  };
  return { label: urls.join(', '), forget };
}

export function browserDataSources() {
  // Read once: the address loses `?data=` once the user has answered, the files are fetched later.
  const urls = dataUrls(location.search, location.href);
  return {
    generateSample: generateSampleInWorker,
    createStore: createBrowserDataStore,
    startupLink: () => pageDataLink(urls),
    startupFiles: (onProgress: (p: ReadProgress) => void, signal: AbortSignal) => filesFromUrls(urls, onProgress, signal),
    readFiles,
    filesOfDrop,
  };
}

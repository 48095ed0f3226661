/** Where the browser app gets data from besides the user's files: the sample, saved data and `?data=` URLs. */
import { dataUrls, describeFiles, fetchDataFiles, filesOfDrop, readFiles, type ReadProgress } from './browser-files';
import type { InputFile } from './decode-file';
import { createBrowserDataStore } from './persistence-browser';
import { generateSampleInWorker } from './sample/browser-sample';

async function filesFromPageUrl(
  onProgress: (p: ReadProgress) => void,
  signal: AbortSignal,
): Promise<{ files: InputFile[]; label: string } | undefined> {
  const urls = dataUrls(location.search, location.href);
  if (urls.length === 0) return undefined;
  const files = await fetchDataFiles(urls, onProgress, signal);
  const label = urls.length === 1 ? urls[0]! : describeFiles(files);
  return { files, label };
}

export function browserDataSources() {
  return {
    generateSample: generateSampleInWorker,
    createStore: createBrowserDataStore,
    startupFiles: filesFromPageUrl,
    readFiles,
    filesOfDrop,
  };
}

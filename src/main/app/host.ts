/**
 * What only the desktop shell can do: native open and save dialogs. Electron
 * provides them; the browser bridge and the CLI have none, and the window
 * then uploads and downloads through the bridge instead.
 */
export interface FileFilter {
  name: string;
  extensions: string[];
}

export interface HostDialogs {
  /** The chosen file's path, or null if the user cancelled. */
  openFile(options: { title: string; filters: FileFilter[] }): Promise<string | null>;
  /** Where to save, or null if the user cancelled. */
  saveFile(options: { title: string; defaultName: string; filters: FileFilter[] }): Promise<string | null>;
}

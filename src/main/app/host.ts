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
  /** Where to save, or null if the user cancelled. `defaultName` may be a whole path (the folder to start in). */
  saveFile(options: { title: string; defaultName: string; filters: FileFilter[] }): Promise<string | null>;
  /** Opens a file in the program the system uses for it; a message when it cannot. */
  openPath?(file: string): Promise<string | null>;
  /** Shows the file selected in the system's file manager. */
  showInFolder?(file: string): void;
}

// Starts `exambank server` for Markdown files: findings as you type, quick
// fixes, hovers with rule docs and item previews, and the outline.
import * as vscode from "vscode";
import {
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
} from "vscode-languageclient/node";

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  context.subscriptions.push(
    vscode.commands.registerCommand("exambank.restart", () => restart()),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (
        event.affectsConfiguration("exambank.path") ||
        event.affectsConfiguration("exambank.args") ||
        event.affectsConfiguration("exambank.ruleDocsUrl")
      ) {
        void restart();
      }
    }),
  );
  await start();
}

export function deactivate(): Thenable<void> | undefined {
  return client?.stop();
}

async function restart(): Promise<void> {
  await client?.stop();
  client = undefined;
  await start();
}

async function start(): Promise<void> {
  const config = vscode.workspace.getConfiguration("exambank");
  const command = config.get<string>("path") || "exambank";
  const args = ["server", ...config.get<string[]>("args", [])];
  const serverOptions: ServerOptions = {
    run: { command, args },
    debug: { command, args },
  };
  const ruleDocsUrl = config.get<string>("ruleDocsUrl");
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", language: "markdown" },
      { scheme: "untitled", language: "markdown" },
    ],
    // The server reads exambank.toml again when it changes.
    synchronize: {
      fileEvents: vscode.workspace.createFileSystemWatcher("**/exambank.toml"),
    },
    initializationOptions: ruleDocsUrl ? { ruleDocsUrl } : {},
  };
  client = new LanguageClient("exambank", "exambank", serverOptions, clientOptions);
  try {
    await client.start();
  } catch (error) {
    client = undefined;
    const message = error instanceof Error ? error.message : String(error);
    void vscode.window.showErrorMessage(
      `exambank: cannot start \`${command} server\` (${message}). ` +
        "Install exambank, or set exambank.path to the executable.",
    );
  }
}

-- A scripted Neovim session with `exambank server` through Neovim's own
-- LSP client (Neovim 0.10 or later), for trying the server on a notes
-- file without configuring an editor:
--
--   nvim --headless --clean -l scripts/nvim-session.lua NOTES.md [EXAMBANK]
--
-- It opens the file, prints the diagnostics, the hover on the first
-- exercise heading, the code actions on the first finding, the outline,
-- then applies the first quick fix and prints the diagnostics that remain.
local file = assert(arg[1], "usage: nvim --headless --clean -l nvim-session.lua NOTES.md [EXAMBANK]")
local exe = arg[2] or "exambank"

local function say(text)
  io.stdout:write(text, "\n")
end

vim.cmd.edit(vim.fn.fnameescape(file))
local buf = vim.api.nvim_get_current_buf()
vim.bo[buf].filetype = "markdown"
local found = vim.fs.find({ "exambank.toml", ".git" }, { upward = true, path = vim.fs.dirname(vim.fn.fnamemodify(file, ":p")) })[1]
local root = found and vim.fs.dirname(found) or vim.fs.dirname(vim.fn.fnamemodify(file, ":p"))

local updates = 0
vim.api.nvim_create_autocmd("DiagnosticChanged", {
  buffer = buf,
  callback = function()
    updates = updates + 1
  end,
})

local id = assert(vim.lsp.start({ name = "exambank", cmd = { exe, "server" }, root_dir = root }))
local client = assert(vim.lsp.get_client_by_id(id))
assert(vim.wait(20000, function() return updates > 0 end, 20), "no diagnostics from the server")
say(("server: %s %s, position encoding %s"):format(
  client.server_info and client.server_info.name or "?",
  client.server_info and client.server_info.version or "?",
  client.offset_encoding
))

local severities = { "error", "warning", "info", "hint" }
local function print_diagnostics(title)
  local list = vim.diagnostic.get(buf)
  table.sort(list, function(a, b)
    return a.lnum < b.lnum or (a.lnum == b.lnum and a.col < b.col)
  end)
  say(("== %s: %d diagnostics"):format(title, #list))
  for _, d in ipairs(list) do
    say(("%d:%d %s [%s] %s"):format(d.lnum + 1, d.col + 1, severities[d.severity], d.code,
      (d.message:gsub("\n", " | "))))
  end
  return list
end

local function request(method, params)
  local response = client:request_sync(method, params, 10000, buf)
  assert(response and not response.err, method .. ": " .. vim.inspect(response))
  return response.result
end

local list = print_diagnostics("diagnostics on open")

local lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
for n, line in ipairs(lines) do
  if line:match("^## ") then
    local hover = request("textDocument/hover", {
      textDocument = { uri = vim.uri_from_bufnr(buf) },
      position = { line = n - 1, character = 3 },
    })
    say(("== hover on line %d (%s)"):format(n, line))
    say(hover and hover.contents.value or "(nothing)")
    break
  end
end

local first = list[1]
if first then
  local actions = request("textDocument/codeAction", {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    range = { start = { line = first.lnum, character = first.col }, ["end"] = { line = first.end_lnum, character = first.end_col } },
    context = { diagnostics = {} },
  })
  say(("== code actions at %d:%d"):format(first.lnum + 1, first.col + 1))
  for _, action in ipairs(actions or {}) do
    say(("- [%s] %s"):format(action.kind, action.title))
  end
  local hover = request("textDocument/hover", {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    position = { line = first.lnum, character = first.col },
  })
  say(("== hover on the finding at %d:%d (first lines)"):format(first.lnum + 1, first.col + 1))
  local shown = 0
  for line in (hover and hover.contents.value or ""):gmatch("[^\n]+") do
    if shown == 6 then break end
    say(line)
    shown = shown + 1
  end
end

local symbols = request("textDocument/documentSymbol", { textDocument = { uri = vim.uri_from_bufnr(buf) } })
say("== outline")
for _, chapter in ipairs(symbols or {}) do
  say(("%s (%s)"):format(chapter.name, chapter.detail or ""))
  for _, exercise in ipairs(chapter.children or {}) do
    say(("  %s: %s"):format(exercise.name, exercise.detail or ""))
  end
end

-- Apply the first quick fix that is a fix (not a suppression), as the
-- editor would, and wait for the diagnostics to follow.
for _, d in ipairs(list) do
  local actions = request("textDocument/codeAction", {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    range = { start = { line = d.lnum, character = d.col }, ["end"] = { line = d.end_lnum, character = d.end_col } },
    context = { diagnostics = {}, only = { "quickfix" } },
  })
  local fix
  for _, action in ipairs(actions or {}) do
    if action.isPreferred then
      fix = action
      break
    end
  end
  if fix then
    local before = updates
    vim.lsp.util.apply_workspace_edit(fix.edit, client.offset_encoding)
    assert(vim.wait(20000, function() return updates > before end, 20), "no diagnostics after the edit")
    print_diagnostics(("after applying \"%s\""):format(fix.title))
    break
  end
end

client:stop()
vim.wait(5000, function() return client:is_stopped() end, 20)
say("== server stopped")
vim.cmd("qa!")

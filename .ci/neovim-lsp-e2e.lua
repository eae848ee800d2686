-- End-to-end test of `leakvet lsp` with Neovim's built-in LSP client, run
-- by .ci/run as
--   LEAKVET=/path/to/leakvet LEAKVET_FILE=/copy/of/testdata/e2e/editor/fetch.go \
--     nvim --headless --clean -c 'luafile .ci/neovim-lsp-e2e.lua'
-- It opens the leaky file, waits for leakvet's diagnostic, checks its range
-- and related information, applies the quick fix, waits for the diagnostic
-- to be cleared while the buffer is unsaved, writes the buffer, and waits
-- for the save's diagnostics, still none. Every wait is bounded: on a
-- timeout or any error it prints FAIL and exits 1. It uses only what
-- Debian 12's Neovim 0.7.2 offers (vim.lsp.start_client), which newer
-- versions still support.
local timeout = tonumber(os.getenv("LEAKVET_TIMEOUT_MS") or "180000")

local function log(msg)
  io.stdout:write(msg .. "\n")
  io.stdout:flush()
end

local function fail(msg)
  io.stderr:write("FAIL: " .. msg .. "\n")
  io.stderr:flush()
  vim.cmd("cquit 1")
end

local function check(cond, msg)
  if not cond then
    error(msg, 2)
  end
end

-- wait_for waits until cond() is true, or errors naming what it waited for.
local function wait_for(what, cond)
  if not vim.wait(timeout, cond, 50) then
    error("timed out after " .. timeout .. " ms waiting for " .. what, 2)
  end
end

local function main()
  local leakvet = os.getenv("LEAKVET")
  local file = os.getenv("LEAKVET_FILE")
  check(leakvet and file, "set LEAKVET and LEAKVET_FILE")
  vim.cmd("edit " .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  local uri = vim.uri_from_bufnr(bufnr)

  -- Record every publication for this file, and let Neovim show them.
  local published = {}
  local messages = {}
  local exited = false
  local client_id = vim.lsp.start_client({
    name = "leakvet",
    cmd = { leakvet, "lsp" },
    root_dir = vim.fn.fnamemodify(file, ":h"),
    handlers = {
      ["textDocument/publishDiagnostics"] = function(err, result, ctx, config)
        if result and result.uri == uri then
          table.insert(published, result.diagnostics)
        end
        return vim.lsp.handlers["textDocument/publishDiagnostics"](err, result, ctx, config)
      end,
      ["window/showMessage"] = function(_, result)
        table.insert(messages, result.message)
        log("server message: " .. result.message)
      end,
    },
    on_exit = function() exited = true end,
  })
  check(client_id, "vim.lsp.start_client failed")
  vim.lsp.buf_attach_client(bufnr, client_id)

  wait_for("leakvet's diagnostics", function() return #published > 0 and #published[#published] > 0 end)
  local diags = published[#published]
  check(#diags == 1, "want 1 diagnostic, got " .. #diags .. ": " .. vim.inspect(diags))
  local d = diags[1]
  log("diagnostic: " .. vim.inspect(d))
  check(d.source == "leakvet" and d.code == "unclosed" and d.severity == 2, "want a warning from leakvet, code unclosed")
  -- resp, err := http.Get(url) on line 12: the range is the call.
  local r = d.range
  check(r.start.line == 11 and r.start.character == 14 and r["end"].line == 11 and r["end"].character == 27,
    "range " .. vim.inspect(r) .. ", want 11:14-11:27 (http.Get(url))")
  local rel = d.relatedInformation
  check(rel and #rel == 1 and rel[1].location.uri == uri and rel[1].location.range.start.line == 15
    and rel[1].location.range["end"].character > rel[1].location.range.start.character
    and rel[1].message:find("leaks here", 1, true),
    "related information " .. vim.inspect(rel) .. ", want the return at line 16 where the body leaks")
  check(#vim.diagnostic.get(bufnr) == 1, "Neovim does not show the diagnostic")

  -- Apply the quick fix.
  local params = { textDocument = { uri = uri }, range = d.range, context = { diagnostics = { d } } }
  local responses = vim.lsp.buf_request_sync(bufnr, "textDocument/codeAction", params, timeout)
  check(responses and responses[client_id] and responses[client_id].result, "no code actions")
  local fix
  for _, action in ipairs(responses[client_id].result) do
    log("code action: " .. action.title)
    if action.kind == "quickfix" and action.isPreferred then
      fix = action
    end
  end
  check(fix, "no preferred quick fix")
  vim.lsp.util.apply_workspace_edit(fix.edit, "utf-16")
  local text = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), "\n")
  check(text:find("\tdefer func() { _ = resp.Body.Close() }()\n", 1, true), "the fix did not insert defer func() { _ = resp.Body.Close() }():\n" .. text)

  -- Unsaved, the fixed buffer is analysed after a pause in typing, in
  -- place of the file: the leak is gone before the write.
  local changed = #published
  wait_for("the diagnostics to be cleared while the fix is unsaved", function()
    return #published > changed and #published[#published] == 0
  end)

  -- Write: the save makes the server analyse again, and the leak stays gone.
  local before = #published
  vim.cmd("write")
  wait_for("the diagnostics to be cleared after the write", function()
    return #published > before and #published[#published] == 0
  end)
  check(#vim.diagnostic.get(bufnr) == 0, "Neovim still shows a diagnostic")
  check(#messages == 0, "unexpected server messages: " .. vim.inspect(messages))

  vim.lsp.stop_client(client_id)
  wait_for("the server to exit", function() return exited end)
  log("PASS: diagnostic, range, related information, quick fix, cleared unsaved and on write")
end

local ok, err = xpcall(main, debug.traceback)
if not ok then
  fail(tostring(err))
else
  vim.cmd("qall!")
end

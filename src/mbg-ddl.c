/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/* What a statement of a query event is, for the JSON lines: the start or
 * the end of a transaction, a DDL statement and the tables it changes, or
 * something else.  Not a parser of SQL: a tokenizer that knows comments
 * (and runs the code inside MySQL's and MariaDB's versioned comments, as
 * the server does), quoted identifiers and strings, and reads the table
 * names where the DDL grammar puts them:
 *
 *   ALTER [ONLINE] [IGNORE] TABLE [IF EXISTS] t ... [RENAME [TO|AS] u]
 *   CREATE [OR REPLACE] [TEMPORARY] TABLE [IF NOT EXISTS] t ...
 *   CREATE [UNIQUE|FULLTEXT|SPATIAL] INDEX i ... ON t ...
 *   DROP [TEMPORARY] TABLE[S] [IF EXISTS] t [, u ...]
 *   DROP INDEX [IF EXISTS] i ON t
 *   RENAME TABLE[S] t TO u [, v TO w ...]
 *   TRUNCATE [TABLE] t
 *   CREATE / ALTER / DROP DATABASE (or SCHEMA) d
 *
 * A name is `db`.`t`, db.t or t (then in the event's default database). */

#include "config.h"

#include <string.h>

#include "mbg-ddl.h"

typedef enum
{
  TOKEN_END,
  TOKEN_WORD,             /* a bare word: keyword or identifier */
  TOKEN_IDENTIFIER,       /* `quoted` or "quoted" */
  TOKEN_STRING,           /* 'a string' */
  TOKEN_PUNCT,
} TokenKind;

typedef struct
{
  TokenKind  kind;
  char       punct;
  GString   *text;        /* the word or the identifier, unquoted */
} Token;

typedef struct
{
  const char *p;
  guint       versioned;  /* inside this many open versioned comments */
  int         depth;      /* parentheses */
} Lexer;

static gboolean
is_word_char (guchar c)
{
  return g_ascii_isalnum (c) || c == '_' || c == '$' || c >= 0x80;
}

/* Skips blanks and comments; the code inside a versioned comment
 * (/\*!50100 ... *\/, /\*M!100100 ... *\/) is read as the server reads
 * it. */
static void
skip_blanks (Lexer *lexer)
{
  const char *p = lexer->p;

  for (;;)
    {
      if (g_ascii_isspace (*p))
        p++;
      else if (p[0] == '/' && p[1] == '*' && (p[2] == '!' || (p[2] == 'M' && p[3] == '!')))
        {
          const char *digits = p + (p[2] == '!' ? 3 : 4);
          const char *end = digits;

          while (g_ascii_isdigit (*end) && end - digits < 6)
            end++;
          p = end - digits >= 5 ? end : digits;
          lexer->versioned++;
        }
      else if (p[0] == '*' && p[1] == '/' && lexer->versioned > 0)
        {
          p += 2;
          lexer->versioned--;
        }
      else if (p[0] == '/' && p[1] == '*')
        {
          const char *end = strstr (p + 2, "*/");

          p = end != NULL ? end + 2 : p + strlen (p);
        }
      else if (*p == '#' || (p[0] == '-' && p[1] == '-' &&
                             (p[2] == '\0' || g_ascii_isspace (p[2]) || (guchar) p[2] < 0x20)))
        {
          while (*p != '\0' && *p != '\n')
            p++;
        }
      else
        break;
    }
  lexer->p = p;
}

/* Reads a quoted identifier or string: @quote doubled is the quote itself;
 * in a string a backslash escapes the next character. */
static void
read_quoted (Lexer   *lexer,
             char     quote,
             GString *text)
{
  const char *p = lexer->p + 1;

  while (*p != '\0')
    {
      if (*p == quote && p[1] == quote)
        {
          g_string_append_c (text, quote);
          p += 2;
        }
      else if (*p == quote)
        {
          p++;
          break;
        }
      else if (quote == '\'' && *p == '\\' && p[1] != '\0')
        {
          g_string_append_c (text, p[1]);
          p += 2;
        }
      else
        g_string_append_c (text, *p++);
    }
  lexer->p = p;
}

static void
next_token (Lexer *lexer,
            Token *token)
{
  const char *p;

  skip_blanks (lexer);
  p = lexer->p;
  g_string_truncate (token->text, 0);
  token->punct = 0;

  if (*p == '\0')
    token->kind = TOKEN_END;
  else if (*p == '`' || *p == '"')
    {
      token->kind = TOKEN_IDENTIFIER;
      read_quoted (lexer, *p, token->text);
    }
  else if (*p == '\'')
    {
      token->kind = TOKEN_STRING;
      read_quoted (lexer, '\'', token->text);
    }
  else if (is_word_char (*p))
    {
      token->kind = TOKEN_WORD;
      while (is_word_char (*p))
        g_string_append_c (token->text, *p++);
      lexer->p = p;
    }
  else
    {
      token->kind = TOKEN_PUNCT;
      token->punct = *p;
      if (*p == '(')
        lexer->depth++;
      else if (*p == ')')
        lexer->depth--;
      lexer->p = p + 1;
    }
}

static gboolean
is_word (const Token *token,
         const char  *word)
{
  return token->kind == TOKEN_WORD && g_ascii_strcasecmp (token->text->str, word) == 0;
}

static gboolean
is_name (const Token *token)
{
  return token->kind == TOKEN_WORD || token->kind == TOKEN_IDENTIFIER;
}

/* The token after the current one, without reading past it. */
static gboolean
peek_punct (Lexer *lexer,
            char   punct)
{
  skip_blanks (lexer);
  return *lexer->p == punct;
}

void
mbg_ddl_table_free (MbgDdlTable *table)
{
  g_free (table->schema);
  g_free (table->table);
  g_free (table);
}

static void
add_table (GPtrArray  *tables,
           const char *schema,
           const char *table)
{
  MbgDdlTable *entry;

  for (guint i = 0; i < tables->len; i++)
    {
      MbgDdlTable *known = g_ptr_array_index (tables, i);

      if (g_strcmp0 (known->schema, schema) == 0 && g_strcmp0 (known->table, table) == 0)
        return;
    }
  entry = g_new0 (MbgDdlTable, 1);
  entry->schema = g_strdup (schema);
  entry->table = g_strdup (table);
  g_ptr_array_add (tables, entry);
}

/* Reads a table name, the current token being its first part; the token
 * after it is then the current one. */
static gboolean
read_table (Lexer      *lexer,
            Token      *token,
            const char *default_schema,
            GPtrArray  *tables)
{
  g_autofree char *first = NULL;

  if (!is_name (token))
    return FALSE;
  first = g_strdup (token->text->str);
  if (peek_punct (lexer, '.'))
    {
      next_token (lexer, token);
      next_token (lexer, token);
      if (!is_name (token))
        return FALSE;
      add_table (tables, first, token->text->str);
    }
  else
    add_table (tables, default_schema, first);
  next_token (lexer, token);
  return TRUE;
}

/* Skips IF [NOT] EXISTS. */
static void
skip_if_exists (Lexer *lexer,
                Token *token)
{
  if (!is_word (token, "IF"))
    return;
  next_token (lexer, token);
  if (is_word (token, "NOT"))
    next_token (lexer, token);
  if (is_word (token, "EXISTS"))
    next_token (lexer, token);
}

/* Moves to the first @word outside parentheses; FALSE at the end. */
static gboolean
skip_to_word (Lexer      *lexer,
              Token      *token,
              const char *word)
{
  int depth = lexer->depth;

  while (token->kind != TOKEN_END)
    {
      if (lexer->depth == depth && is_word (token, word))
        return TRUE;
      next_token (lexer, token);
    }
  return FALSE;
}

static MbgStatementKind
read_database (Lexer      *lexer,
               Token      *token,
               const char *default_schema,
               GPtrArray  *tables)
{
  next_token (lexer, token);
  skip_if_exists (lexer, token);
  if (is_name (token) && !is_word (token, "DEFAULT") && !is_word (token, "CHARACTER") &&
      !is_word (token, "CHARSET") && !is_word (token, "COLLATE") && !is_word (token, "COMMENT"))
    add_table (tables, token->text->str, NULL);
  else if (default_schema != NULL)
    add_table (tables, default_schema, NULL);
  return MBG_STATEMENT_DATABASE_DDL;
}

static MbgStatementKind
classify (Lexer      *lexer,
          Token      *token,
          const char *default_schema,
          GPtrArray  *tables)
{
  next_token (lexer, token);

  if (is_word (token, "BEGIN"))
    {
      next_token (lexer, token);
      return token->kind == TOKEN_END || is_word (token, "WORK") ||
             (token->kind == TOKEN_PUNCT && token->punct == ';')
             ? MBG_STATEMENT_BEGIN : MBG_STATEMENT_OTHER;
    }
  if (is_word (token, "START"))
    {
      next_token (lexer, token);
      return is_word (token, "TRANSACTION") ? MBG_STATEMENT_BEGIN : MBG_STATEMENT_OTHER;
    }
  if (is_word (token, "COMMIT") || is_word (token, "ROLLBACK"))
    {
      gboolean rollback = is_word (token, "ROLLBACK");

      next_token (lexer, token);
      if (is_word (token, "WORK"))
        next_token (lexer, token);
      /* ROLLBACK TO SAVEPOINT ends nothing. */
      return rollback && is_word (token, "TO") ? MBG_STATEMENT_OTHER : MBG_STATEMENT_COMMIT;
    }

  if (is_word (token, "ALTER"))
    {
      do
        next_token (lexer, token);
      while (is_word (token, "ONLINE") || is_word (token, "OFFLINE") ||
             is_word (token, "IGNORE"));
      if (is_word (token, "DATABASE") || is_word (token, "SCHEMA"))
        return read_database (lexer, token, default_schema, tables);
      if (!is_word (token, "TABLE"))
        return MBG_STATEMENT_OTHER;
      next_token (lexer, token);
      skip_if_exists (lexer, token);
      if (!read_table (lexer, token, default_schema, tables))
        return MBG_STATEMENT_TABLE_DDL;
      /* ALTER TABLE t ..., RENAME TO u: u is changed too. */
      while (skip_to_word (lexer, token, "RENAME"))
        {
          next_token (lexer, token);
          if (is_word (token, "COLUMN") || is_word (token, "INDEX") || is_word (token, "KEY") ||
              is_word (token, "CONSTRAINT"))
            continue;
          if (is_word (token, "TO") || is_word (token, "AS"))
            next_token (lexer, token);
          read_table (lexer, token, default_schema, tables);
        }
      return MBG_STATEMENT_TABLE_DDL;
    }

  if (is_word (token, "CREATE"))
    {
      next_token (lexer, token);
      if (is_word (token, "OR"))
        {
          next_token (lexer, token);
          if (!is_word (token, "REPLACE"))
            return MBG_STATEMENT_OTHER;
          next_token (lexer, token);
        }
      while (is_word (token, "TEMPORARY") || is_word (token, "ONLINE") ||
             is_word (token, "OFFLINE") || is_word (token, "UNIQUE") ||
             is_word (token, "FULLTEXT") || is_word (token, "SPATIAL"))
        next_token (lexer, token);
      if (is_word (token, "DATABASE") || is_word (token, "SCHEMA"))
        return read_database (lexer, token, default_schema, tables);
      if (is_word (token, "TABLE"))
        {
          next_token (lexer, token);
          skip_if_exists (lexer, token);
          read_table (lexer, token, default_schema, tables);
          return MBG_STATEMENT_TABLE_DDL;
        }
      if (is_word (token, "INDEX"))
        {
          next_token (lexer, token);
          if (skip_to_word (lexer, token, "ON"))
            {
              next_token (lexer, token);
              read_table (lexer, token, default_schema, tables);
            }
          return MBG_STATEMENT_TABLE_DDL;
        }
      return MBG_STATEMENT_OTHER;
    }

  if (is_word (token, "DROP"))
    {
      next_token (lexer, token);
      if (is_word (token, "TEMPORARY"))
        next_token (lexer, token);
      if (is_word (token, "DATABASE") || is_word (token, "SCHEMA"))
        return read_database (lexer, token, default_schema, tables);
      if (is_word (token, "TABLE") || is_word (token, "TABLES"))
        {
          next_token (lexer, token);
          skip_if_exists (lexer, token);
          while (read_table (lexer, token, default_schema, tables) &&
                 token->kind == TOKEN_PUNCT && token->punct == ',')
            next_token (lexer, token);
          return MBG_STATEMENT_TABLE_DDL;
        }
      if (is_word (token, "INDEX"))
        {
          next_token (lexer, token);
          if (skip_to_word (lexer, token, "ON"))
            {
              next_token (lexer, token);
              read_table (lexer, token, default_schema, tables);
            }
          return MBG_STATEMENT_TABLE_DDL;
        }
      return MBG_STATEMENT_OTHER;
    }

  if (is_word (token, "RENAME"))
    {
      next_token (lexer, token);
      if (!is_word (token, "TABLE") && !is_word (token, "TABLES"))
        return MBG_STATEMENT_OTHER;
      next_token (lexer, token);
      skip_if_exists (lexer, token);
      for (;;)
        {
          if (!read_table (lexer, token, default_schema, tables) ||
              !skip_to_word (lexer, token, "TO"))
            break;
          next_token (lexer, token);
          if (!read_table (lexer, token, default_schema, tables) ||
              token->kind != TOKEN_PUNCT || token->punct != ',')
            break;
          next_token (lexer, token);
        }
      return MBG_STATEMENT_TABLE_DDL;
    }

  if (is_word (token, "TRUNCATE"))
    {
      next_token (lexer, token);
      if (is_word (token, "TABLE"))
        next_token (lexer, token);
      read_table (lexer, token, default_schema, tables);
      return MBG_STATEMENT_TABLE_DDL;
    }

  return MBG_STATEMENT_OTHER;
}

/* What @statement is.  For a DDL statement, *@tables (when given) gets the
 * MbgDdlTable of each table it changes (for a database statement, the
 * database with a NULL table), in the order the statement names them: it
 * may be empty when the names could not be read. */
MbgStatementKind
mbg_ddl_classify (const char  *statement,
                  const char  *default_schema,
                  GPtrArray  **tables)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) mbg_ddl_table_free);
  g_autoptr(GString) text = g_string_new (NULL);
  Lexer lexer = { statement != NULL ? statement : "", 0, 0 };
  Token token = { TOKEN_END, 0, text };
  MbgStatementKind kind;

  if (default_schema != NULL && *default_schema == '\0')
    default_schema = NULL;
  kind = classify (&lexer, &token, default_schema, found);
  if (tables != NULL)
    *tables = g_steal_pointer (&found);
  return kind;
}

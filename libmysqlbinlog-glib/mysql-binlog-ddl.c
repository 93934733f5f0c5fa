/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "mysql-binlog-charset-private.h"
#include "mysql-binlog-ddl-private.h"
#include "mysql-binlog-name-private.h"

/* Tokens */

typedef enum {
  TOKEN_END,
  TOKEN_WORD,       /* an unquoted identifier or keyword */
  TOKEN_QUOTED,     /* a `quoted` identifier: never a keyword */
  TOKEN_STRING,     /* 'text' or "text", unescaped; also X'..', _charset'..' */
  TOKEN_NUMBER,
  TOKEN_PUNCT,
} TokenType;

typedef struct
{
  TokenType type;
  char *text;
} Token;

static void
token_clear (Token *token)
{
  g_free (token->text);
}

static gboolean
is_word_char (guchar c)
{
  return g_ascii_isalnum (c) || c == '_' || c == '$' || c >= 0x80;
}

/* Reads a quoted string or identifier at @p (its quote), unescaping it;
 * NULL when it does not end. */
static char *
read_quoted (const char **p,
             gboolean     escapes)
{
  char quote = **p;
  GString *out = g_string_new (NULL);
  const char *s = *p + 1;

  for (;;)
    {
      if (*s == '\0')
        {
          g_string_free (out, TRUE);
          return NULL;
        }
      if (*s == quote && s[1] == quote)
        {
          g_string_append_c (out, quote);
          s += 2;
        }
      else if (*s == quote)
        {
          s++;
          break;
        }
      else if (escapes && *s == '\\' && s[1] != '\0')
        {
          switch (s[1])
            {
            case '0': g_string_append_c (out, '\0'); break;
            case 'n': g_string_append_c (out, '\n'); break;
            case 'r': g_string_append_c (out, '\r'); break;
            case 't': g_string_append_c (out, '\t'); break;
            case 'b': g_string_append_c (out, '\b'); break;
            case 'Z': g_string_append_c (out, '\032'); break;
            /* LIKE patterns keep these escaped; members never are. */
            case '%': case '_': g_string_append_c (out, '\\'); g_string_append_c (out, s[1]); break;
            default: g_string_append_c (out, s[1]); break;
            }
          s += 2;
        }
      else
        {
          g_string_append_c (out, *s++);
        }
    }
  *p = s;
  return g_string_free (out, FALSE);
}

/* The statement's tokens, ending with a TOKEN_END; NULL when it cannot be
 * cut into tokens (a quote that does not end). */
static GArray *
tokenize (const char *statement)
{
  g_autoptr(GArray) tokens = g_array_new (FALSE, TRUE, sizeof (Token));
  const char *p = statement;
  gboolean in_executable = FALSE;

  g_array_set_clear_func (tokens, (GDestroyNotify) token_clear);
  for (;;)
    {
      Token token = { TOKEN_END, NULL };

      while (g_ascii_isspace (*p))
        p++;
      if (*p == '\0')
        break;
      /* Comments; executable ones (/ *! and / *M!) are code. */
      if (p[0] == '/' && p[1] == '*')
        {
          if (p[2] == '!' || (p[2] == 'M' && p[3] == '!'))
            {
              p += p[2] == '!' ? 3 : 4;
              while (g_ascii_isdigit (*p))
                p++;
              in_executable = TRUE;
              continue;
            }
          p = strstr (p + 2, "*/");
          if (p == NULL)
            return NULL;
          p += 2;
          continue;
        }
      if (in_executable && p[0] == '*' && p[1] == '/')
        {
          in_executable = FALSE;
          p += 2;
          continue;
        }
      if (*p == '#' || (p[0] == '-' && p[1] == '-' && (p[2] == '\0' || g_ascii_isspace (p[2]))))
        {
          while (*p != '\0' && *p != '\n')
            p++;
          continue;
        }

      if (*p == '`')
        {
          token.type = TOKEN_QUOTED;
          token.text = read_quoted (&p, FALSE);
        }
      else if (*p == '\'' || *p == '"')
        {
          token.type = TOKEN_STRING;
          token.text = read_quoted (&p, TRUE);
        }
      else if (is_word_char (*p))
        {
          const char *start = p;
          gboolean digits = TRUE;

          while (is_word_char (*p))
            digits = digits && g_ascii_isdigit (*p), p++;
          if (*p == '\'' && (start[0] == '_' ||
                             (p - start == 1 && strchr ("xXbBnN", start[0]) != NULL)))
            {
              /* A literal with a prefix: its text as written. */
              token.type = TOKEN_STRING;
              token.text = read_quoted (&p, TRUE);
            }
          else
            {
              token.type = digits ? TOKEN_NUMBER : TOKEN_WORD;
              token.text = g_strndup (start, p - start);
            }
        }
      else
        {
          token.type = TOKEN_PUNCT;
          token.text = g_strndup (p, 1);
          p++;
        }
      if (token.text == NULL)
        return NULL;
      g_array_append_val (tokens, token);
    }
  {
    Token end = { TOKEN_END, g_strdup ("") };

    g_array_append_val (tokens, end);
  }
  return g_steal_pointer (&tokens);
}

/* The parser's place in the tokens. */
typedef struct
{
  GArray *tokens;
  guint at;
  const char *schema;   /* the default database */
  char *why;            /* the first thing not understood */
} Parser;

static const Token *
peek_at (Parser *p,
         guint   ahead)
{
  guint i = MIN (p->at + ahead, p->tokens->len - 1);

  return &g_array_index (p->tokens, Token, i);
}

static const Token *
peek (Parser *p)
{
  return peek_at (p, 0);
}

static const Token *
next (Parser *p)
{
  const Token *token = peek (p);

  if (token->type != TOKEN_END)
    p->at++;
  return token;
}

static gboolean
token_is (const Token *token,
          const char  *keyword)
{
  return token->type == TOKEN_WORD && g_ascii_strcasecmp (token->text, keyword) == 0;
}

static gboolean
token_is_punct (const Token *token,
                const char  *punct)
{
  return token->type == TOKEN_PUNCT && strcmp (token->text, punct) == 0;
}

static gboolean
at_keyword (Parser     *p,
            const char *keyword)
{
  return token_is (peek (p), keyword);
}

static gboolean
accept (Parser     *p,
        const char *keyword)
{
  if (!at_keyword (p, keyword))
    return FALSE;
  p->at++;
  return TRUE;
}

static gboolean
accept_punct (Parser     *p,
              const char *punct)
{
  if (!token_is_punct (peek (p), punct))
    return FALSE;
  p->at++;
  return TRUE;
}

static gboolean
at_end (Parser *p)
{
  return peek (p)->type == TOKEN_END || token_is_punct (peek (p), ";");
}

static gboolean
fail (Parser     *p,
      const char *format,
      ...) G_GNUC_PRINTF (2, 3);

static gboolean
fail (Parser     *p,
      const char *format,
      ...)
{
  va_list args;

  if (p->why == NULL)
    {
      g_autofree char *what = NULL;
      const Token *token = peek (p);

      va_start (args, format);
      what = g_strdup_vprintf (format, args);
      va_end (args);
      p->why = token->type == TOKEN_END
               ? g_strdup_printf ("%s at the end of the statement", what)
               : g_strdup_printf ("%s at “%s”", what, token->text);
    }
  return FALSE;
}

/* An identifier: a word or a quoted one. */
static char *
identifier (Parser *p)
{
  const Token *token = peek (p);

  if (token->type != TOKEN_WORD && token->type != TOKEN_QUOTED)
    {
      fail (p, "an identifier was expected");
      return NULL;
    }
  p->at++;
  return g_strdup (token->text);
}

/* [schema.]table as its qualified name (_mysql_binlog_name_qualify()). */
static char *
table_name (Parser *p)
{
  g_autofree char *first = identifier (p);
  g_autofree char *second = NULL;

  if (first == NULL)
    return NULL;
  if (accept_punct (p, "."))
    {
      second = identifier (p);
      if (second == NULL)
        return NULL;
      return _mysql_binlog_name_qualify (first, second);
    }
  if (p->schema == NULL || *p->schema == '\0')
    {
      fail (p, "a table without a database, and no default database");
      return NULL;
    }
  return _mysql_binlog_name_qualify (p->schema, first);
}

/* Skips a balanced ( ... ) at the parser's place. */
static gboolean
skip_parenthesized (Parser *p)
{
  guint depth = 0;

  if (!token_is_punct (peek (p), "("))
    return fail (p, "“(” was expected");
  do
    {
      const Token *token = next (p);

      if (token->type == TOKEN_END)
        return fail (p, "an unbalanced parenthesis");
      if (token_is_punct (token, "("))
        depth++;
      else if (token_is_punct (token, ")"))
        depth--;
    }
  while (depth > 0);
  return TRUE;
}

/* Skips to the next “,” or “)” outside parentheses (not consumed), or
 * the end. */
static gboolean
skip_to_separator (Parser *p)
{
  while (!at_end (p) && !token_is_punct (peek (p), ",") && !token_is_punct (peek (p), ")"))
    {
      if (token_is_punct (peek (p), "("))
        {
          if (!skip_parenthesized (p))
            return FALSE;
        }
      else
        next (p);
    }
  return TRUE;
}

/* A value or an expression after DEFAULT, ON UPDATE, ...: a parenthesized
 * one, a literal (signed), NULL, a name or a function call. */
static gboolean
skip_expression (Parser *p)
{
  const Token *token = peek (p);

  if (token_is_punct (token, "("))
    return skip_parenthesized (p);
  if (token_is_punct (token, "-") || token_is_punct (token, "+"))
    {
      next (p);
      token = peek (p);
    }
  if (token->type == TOKEN_END || token->type == TOKEN_PUNCT)
    return fail (p, "a value was expected");
  next (p);
  if (token->type == TOKEN_NUMBER && token_is_punct (peek (p), "."))
    {
      next (p);
      if (peek (p)->type == TOKEN_NUMBER || peek (p)->type == TOKEN_WORD)
        next (p);
    }
  /* Strings written next to each other are one. */
  while (token->type == TOKEN_STRING && peek (p)->type == TOKEN_STRING)
    next (p);
  if ((token->type == TOKEN_WORD || token->type == TOKEN_QUOTED) && token_is_punct (peek (p), "("))
    return skip_parenthesized (p);
  /* NEXT VALUE FOR sequence */
  if (token_is (token, "NEXT") && accept (p, "VALUE") && accept (p, "FOR"))
    {
      g_autofree char *sequence = table_name (p);

      return sequence != NULL;
    }
  return TRUE;
}

static gboolean
number (Parser *p,
        gint64 *value)
{
  const Token *token = peek (p);
  guint64 n;

  if (token->type != TOKEN_NUMBER ||
      !g_ascii_string_to_unsigned (token->text, 10, 0, G_MAXINT32, &n, NULL))
    return fail (p, "a number was expected");
  next (p);
  *value = n;
  return TRUE;
}

/* ( n ) or ( n , m ), optional: @first and @second stay as they are
 * where absent. */
static gboolean
type_numbers (Parser *p,
              gint64 *first,
              gint64 *second)
{
  if (!accept_punct (p, "("))
    return TRUE;
  if (!number (p, first))
    return FALSE;
  if (accept_punct (p, ","))
    {
      if (second == NULL)
        return fail (p, "one number was expected");
      if (!number (p, second))
        return FALSE;
    }
  if (!accept_punct (p, ")"))
    return fail (p, "“)” was expected");
  return TRUE;
}

/* Character sets */

/* The character set of a collation or character set name, as
 * information_schema spells it ("utf8" is "utf8mb3"). */
static char *
charset_of (const char *name)
{
  g_autofree char *lower = g_ascii_strdown (name, -1);
  char *underscore = strchr (lower, '_');

  if (underscore != NULL)
    *underscore = '\0';
  if (strcmp (lower, "utf8") == 0)
    return g_strdup ("utf8mb3");
  return g_steal_pointer (&lower);
}

guint
_mysql_binlog_ddl_charset_max_bytes (const char *charset)
{
  static const struct
  {
    const char *name;
    guint bytes;
  } sizes[] = {
    { "utf8mb4", 4 }, { "utf8mb3", 3 }, { "utf16", 4 }, { "utf16le", 4 }, { "utf32", 4 },
    { "ucs2", 2 }, { "gb18030", 4 }, { "ujis", 3 }, { "eucjpms", 3 }, { "big5", 2 },
    { "cp932", 2 }, { "sjis", 2 }, { "euckr", 2 }, { "gb2312", 2 }, { "gbk", 2 },
    { "binary", 1 }, { "latin1", 1 }, { "latin2", 1 }, { "latin5", 1 }, { "latin7", 1 },
    { "ascii", 1 }, { "armscii8", 1 }, { "cp1250", 1 }, { "cp1251", 1 }, { "cp1256", 1 },
    { "cp1257", 1 }, { "cp850", 1 }, { "cp852", 1 }, { "cp866", 1 }, { "dec8", 1 },
    { "geostd8", 1 }, { "greek", 1 }, { "hebrew", 1 }, { "hp8", 1 }, { "keybcs2", 1 },
    { "koi8r", 1 }, { "koi8u", 1 }, { "macce", 1 }, { "macroman", 1 }, { "swe7", 1 },
    { "tis620", 1 },
  };

  for (guint i = 0; charset != NULL && i < G_N_ELEMENTS (sizes); i++)
    if (strcmp (charset, sizes[i].name) == 0)
      return sizes[i].bytes;
  return 0;
}

/* Column definitions */

typedef enum {
  CLASS_OTHER,       /* numbers, dates: all said by the type */
  CLASS_CHAR,        /* CHAR, VARCHAR: length in characters */
  CLASS_TEXT,        /* TINYTEXT ... LONGTEXT, TEXT(n) */
  CLASS_MEMBERS,     /* ENUM, SET */
} TypeClass;

typedef struct
{
  MysqlBinlogColumnDefinition def;
  TypeClass type_class;
  gint64 char_length;     /* CLASS_CHAR; TEXT(n): -1 when none */
  gboolean national;      /* NCHAR, NATIONAL: utf8mb3 */
} ColumnSpec;

static void
column_spec_clear (ColumnSpec *spec)
{
  _mysql_binlog_column_definition_clear (&spec->def);
}

typedef enum {
  OP_ADD,
  OP_DROP,
  OP_MODIFY,          /* also CHANGE: new_name */
  OP_RENAME,
  OP_PRIMARY_KEY,
  OP_DROP_PRIMARY_KEY,
  OP_DEFAULT_CHARSET,
} OpKind;

struct _MysqlBinlogDdlOp
{
  OpKind kind;
  char *name;             /* the column it changes; OP_ADD: the new one */
  char *new_name;         /* OP_MODIFY (CHANGE), OP_RENAME */
  ColumnSpec spec;        /* OP_ADD, OP_MODIFY */
  gboolean first;
  char *after;
  gboolean if_exists;     /* DROP/MODIFY/CHANGE IF EXISTS, ADD IF NOT EXISTS */
  char **columns;         /* OP_PRIMARY_KEY */
  char *charset;          /* OP_DEFAULT_CHARSET */
};

static void
op_free (MysqlBinlogDdlOp *op)
{
  g_free (op->name);
  g_free (op->new_name);
  column_spec_clear (&op->spec);
  g_free (op->after);
  g_strfreev (op->columns);
  g_free (op->charset);
  g_free (op);
}

static MysqlBinlogDdlOp *
op_new (OpKind kind)
{
  MysqlBinlogDdlOp *op = g_new0 (MysqlBinlogDdlOp, 1);

  op->kind = kind;
  return op;
}

/* The type of a column definition. */
static gboolean
column_type (Parser     *p,
             ColumnSpec *spec)
{
  static const struct
  {
    const char *name;
    const char *data_type;
    TypeClass type_class;
  } simple[] = {
    { "TINYINT", "tinyint" }, { "INT1", "tinyint" }, { "BOOL", "tinyint" },
    { "BOOLEAN", "tinyint" }, { "SMALLINT", "smallint" }, { "INT2", "smallint" },
    { "MEDIUMINT", "mediumint" }, { "INT3", "mediumint" }, { "MIDDLEINT", "mediumint" },
    { "INT", "int" }, { "INTEGER", "int" }, { "INT4", "int" }, { "BIGINT", "bigint" },
    { "INT8", "bigint" }, { "DOUBLE", "double" }, { "REAL", "double" },
    { "DECIMAL", "decimal" }, { "DEC", "decimal" }, { "NUMERIC", "decimal" },
    { "FIXED", "decimal" }, { "FLOAT", "float" }, { "BIT", "bit" }, { "YEAR", "year" },
    { "DATE", "date" }, { "TIME", "time" }, { "DATETIME", "datetime" },
    { "TIMESTAMP", "timestamp" }, { "CHAR", "char", CLASS_CHAR },
    { "CHARACTER", "char", CLASS_CHAR }, { "NCHAR", "char", CLASS_CHAR },
    { "VARCHAR", "varchar", CLASS_CHAR }, { "NVARCHAR", "varchar", CLASS_CHAR },
    { "VARCHAR2", "varchar", CLASS_CHAR }, { "BINARY", "binary" },
    { "VARBINARY", "varbinary" }, { "TINYBLOB", "tinyblob" }, { "BLOB", "blob" },
    { "MEDIUMBLOB", "mediumblob" }, { "LONGBLOB", "longblob" },
    { "TINYTEXT", "tinytext", CLASS_TEXT }, { "TEXT", "text", CLASS_TEXT },
    { "MEDIUMTEXT", "mediumtext", CLASS_TEXT }, { "LONGTEXT", "longtext", CLASS_TEXT },
    { "ENUM", "enum", CLASS_MEMBERS }, { "SET", "set", CLASS_MEMBERS },
    { "JSON", "json" }, { "GEOMETRY", "geometry" }, { "POINT", "point" },
    { "LINESTRING", "linestring" }, { "POLYGON", "polygon" },
    { "MULTIPOINT", "multipoint" }, { "MULTILINESTRING", "multilinestring" },
    { "MULTIPOLYGON", "multipolygon" }, { "GEOMETRYCOLLECTION", "geometrycollection" },
    { "GEOMCOLLECTION", "geomcollection" }, { "INET4", "inet4" }, { "INET6", "inet6" },
    { "UUID", "uuid" }, { "SERIAL", "bigint" },
  };
  MysqlBinlogColumnDefinition *def = &spec->def;
  const Token *token = peek (p);
  const char *name;
  guint i;

  if (token->type != TOKEN_WORD)
    return fail (p, "a column type was expected");
  name = token->text;
  /* NATIONAL CHAR / VARCHAR, LONG VARCHAR / VARBINARY / LONG */
  if (g_ascii_strcasecmp (name, "NATIONAL") == 0)
    {
      next (p);
      spec->national = TRUE;
      token = peek (p);
      if (token->type != TOKEN_WORD)
        return fail (p, "a column type was expected");
      name = token->text;
    }
  if (g_ascii_strcasecmp (name, "LONG") == 0)
    {
      next (p);
      if (accept (p, "VARBINARY"))
        def->data_type = g_strdup ("mediumblob");
      else
        {
          (void) (accept (p, "VARCHAR") || accept (p, "CHARACTER") || accept (p, "CHAR"));
          accept (p, "VARYING");
          def->data_type = g_strdup ("mediumtext");
          spec->type_class = CLASS_TEXT;
          spec->char_length = -1;
        }
      return TRUE;
    }

  for (i = 0; i < G_N_ELEMENTS (simple); i++)
    if (g_ascii_strcasecmp (name, simple[i].name) == 0)
      break;
  if (i == G_N_ELEMENTS (simple))
    return fail (p, "a column type this reader does not know");
  next (p);
  def->data_type = g_strdup (simple[i].data_type);
  spec->type_class = simple[i].type_class;
  if (g_ascii_strncasecmp (name, "N", 1) == 0 && spec->type_class == CLASS_CHAR)
    spec->national = TRUE;

  if (strcmp (def->data_type, "double") == 0)
    {
      accept (p, "PRECISION");
      return type_numbers (p, &def->numeric_precision, &def->numeric_scale);
    }
  if (strcmp (def->data_type, "float") == 0)
    {
      gint64 precision = -1, scale = -1;

      if (!type_numbers (p, &precision, &scale))
        return FALSE;
      /* FLOAT(p): a DOUBLE from 25 bits of precision on. */
      if (precision > 24 && scale < 0)
        {
          g_free (def->data_type);
          def->data_type = g_strdup ("double");
        }
      return TRUE;
    }
  if (strcmp (def->data_type, "decimal") == 0)
    {
      def->numeric_precision = 10;
      def->numeric_scale = 0;
      return type_numbers (p, &def->numeric_precision, &def->numeric_scale);
    }
  if (strcmp (def->data_type, "bit") == 0)
    {
      def->numeric_precision = 1;
      return type_numbers (p, &def->numeric_precision, NULL);
    }
  if (strcmp (def->data_type, "time") == 0 || strcmp (def->data_type, "datetime") == 0 ||
      strcmp (def->data_type, "timestamp") == 0)
    {
      def->datetime_precision = 0;
      return type_numbers (p, &def->datetime_precision, NULL);
    }
  if (strcmp (def->data_type, "char") == 0 || strcmp (def->data_type, "varchar") == 0)
    {
      /* CHARACTER VARYING, CHAR VARYING */
      if (accept (p, "VARYING"))
        {
          g_free (def->data_type);
          def->data_type = g_strdup ("varchar");
        }
      spec->char_length = strcmp (def->data_type, "char") == 0 ? 1 : -1;
      if (!type_numbers (p, &spec->char_length, NULL))
        return FALSE;
      if (spec->char_length < 0)
        return fail (p, "a VARCHAR without a length");
      return TRUE;
    }
  if (strcmp (def->data_type, "binary") == 0 || strcmp (def->data_type, "varbinary") == 0)
    {
      def->octet_length = strcmp (def->data_type, "binary") == 0 ? 1 : -1;
      if (!type_numbers (p, &def->octet_length, NULL))
        return FALSE;
      if (def->octet_length < 0)
        return fail (p, "a VARBINARY without a length");
      return TRUE;
    }
  if (strcmp (def->data_type, "blob") == 0)
    {
      gint64 length = -1;

      if (!type_numbers (p, &length, NULL))
        return FALSE;
      if (length >= 0)
        {
          g_free (def->data_type);
          def->data_type = g_strdup (length < 256 ? "tinyblob" : length < 65536 ? "blob"
                                     : length < 16777216 ? "mediumblob" : "longblob");
        }
      return TRUE;
    }
  if (spec->type_class == CLASS_TEXT)
    {
      spec->char_length = -1;
      if (strcmp (def->data_type, "text") == 0)
        return type_numbers (p, &spec->char_length, NULL);
      return TRUE;
    }
  if (spec->type_class == CLASS_MEMBERS)
    {
      g_autoptr(GPtrArray) members = g_ptr_array_new_with_free_func (g_free);

      if (!accept_punct (p, "("))
        return fail (p, "“(” was expected");
      do
        {
          gsize length;

          token = peek (p);
          if (token->type != TOKEN_STRING)
            return fail (p, "a member was expected");
          /* The server drops a member's trailing spaces (not tabs or
           * other white space). */
          length = strlen (token->text);
          while (length > 0 && token->text[length - 1] == ' ')
            length--;
          g_ptr_array_add (members, g_strndup (token->text, length));
          next (p);
        }
      while (accept_punct (p, ","));
      if (!accept_punct (p, ")"))
        return fail (p, "“)” was expected");
      g_ptr_array_add (members, NULL);
      def->members = (char **) g_ptr_array_free (g_steal_pointer (&members), FALSE);
      return TRUE;
    }
  if (strcmp (def->data_type, "json") == 0)
    {
      /* MariaDB's JSON is a LONGTEXT of utf8mb4_bin. */
      def->charset = g_strdup ("utf8mb4");
      return TRUE;
    }
  if ((def->geometry_type = _mysql_binlog_definition_geometry_type (def->data_type)) >= 0)
    return TRUE;
  if (g_ascii_strcasecmp (name, "SERIAL") == 0)
    {
      def->is_unsigned = TRUE;
      return TRUE;
    }
  /* The integers' display width, YEAR(4) */
  return type_numbers (p, &def->numeric_precision, NULL) &&
         (def->numeric_precision = -1, TRUE);
}

/* What follows a column's type, up to the next “,”, “)”, FIRST, AFTER or
 * the end. */
static gboolean
column_attributes (Parser     *p,
                   ColumnSpec *spec)
{
  MysqlBinlogColumnDefinition *def = &spec->def;

  for (;;)
    {
      const Token *token = peek (p);

      if (at_end (p) || token_is_punct (token, ",") || token_is_punct (token, ")") ||
          token_is (token, "FIRST") || token_is (token, "AFTER"))
        return TRUE;
      if (token->type != TOKEN_WORD)
        return fail (p, "a column attribute was expected");
      next (p);
      if (token_is (token, "UNSIGNED") || token_is (token, "ZEROFILL"))
        def->is_unsigned = TRUE;
      else if (token_is (token, "SIGNED") || token_is (token, "NULL") ||
               token_is (token, "AUTO_INCREMENT") || token_is (token, "VIRTUAL") ||
               token_is (token, "STORED") || token_is (token, "PERSISTENT") ||
               token_is (token, "INVISIBLE") || token_is (token, "VISIBLE"))
        ;
      else if (token_is (token, "NOT"))
        {
          if (!accept (p, "NULL"))
            return fail (p, "NOT NULL was expected");
        }
      else if (token_is (token, "CHARACTER") || token_is (token, "CHARSET") ||
               token_is (token, "COLLATE"))
        {
          g_autofree char *name = NULL;

          if (token_is (token, "CHARACTER") && !accept (p, "SET"))
            return fail (p, "CHARACTER SET was expected");
          if (peek (p)->type == TOKEN_STRING)
            name = g_strdup (next (p)->text);
          else if ((name = identifier (p)) == NULL)
            return FALSE;
          /* COLLATE after CHARACTER SET names a collation of it. */
          if (!token_is (token, "COLLATE") || def->charset == NULL)
            {
              g_free (def->charset);
              def->charset = charset_of (name);
            }
        }
      else if (token_is (token, "BINARY") || token_is (token, "BYTE"))
        {
          /* CHAR(n) BINARY: the binary collation of its character set;
           * CHAR BYTE: BINARY. */
          if (token_is (token, "BYTE"))
            {
              g_free (def->charset);
              def->charset = g_strdup ("binary");
            }
        }
      else if (token_is (token, "ASCII"))
        {
          g_free (def->charset);
          def->charset = g_strdup ("latin1");
        }
      else if (token_is (token, "UNICODE"))
        {
          g_free (def->charset);
          def->charset = g_strdup ("ucs2");
        }
      else if (token_is (token, "DEFAULT"))
        {
          if (!skip_expression (p))
            return FALSE;
        }
      else if (token_is (token, "ON"))
        {
          if (!accept (p, "UPDATE") || !skip_expression (p))
            return fail (p, "ON UPDATE was expected");
        }
      else if (token_is (token, "PRIMARY") || token_is (token, "KEY"))
        {
          if (token_is (token, "PRIMARY") && !accept (p, "KEY"))
            return fail (p, "PRIMARY KEY was expected");
          def->is_primary_key = TRUE;
        }
      else if (token_is (token, "UNIQUE"))
        accept (p, "KEY");
      else if (token_is (token, "COMMENT") || token_is (token, "ENGINE_ATTRIBUTE") ||
               token_is (token, "SECONDARY_ENGINE_ATTRIBUTE"))
        {
          accept_punct (p, "=");
          if (next (p)->type != TOKEN_STRING)
            return fail (p, "a string was expected");
        }
      else if (token_is (token, "COLUMN_FORMAT") || token_is (token, "STORAGE") ||
               token_is (token, "SRID"))
        {
          if (next (p)->type == TOKEN_END)
            return fail (p, "a value was expected");
        }
      else if (token_is (token, "GENERATED") || token_is (token, "AS"))
        {
          if (token_is (token, "GENERATED") && (!accept (p, "ALWAYS") || !accept (p, "AS")))
            return fail (p, "GENERATED ALWAYS AS was expected");
          if (!skip_parenthesized (p))
            return FALSE;
        }
      else if (token_is (token, "CHECK"))
        {
          if (!skip_parenthesized (p))
            return FALSE;
        }
      else if (token_is (token, "CONSTRAINT"))
        {
          if (!at_keyword (p, "CHECK"))
            {
              g_autofree char *name = identifier (p);

              if (name == NULL)
                return FALSE;
            }
          if (!accept (p, "CHECK") || !skip_parenthesized (p))
            return fail (p, "CHECK was expected");
        }
      else if (token_is (token, "REFERENCES"))
        {
          g_autofree char *referenced = table_name (p);

          if (referenced == NULL)
            return FALSE;
          if (token_is_punct (peek (p), "(") && !skip_parenthesized (p))
            return FALSE;
          for (;;)
            {
              if (accept (p, "MATCH"))
                next (p);
              else if (at_keyword (p, "ON") &&
                       (token_is (peek_at (p, 1), "DELETE") || token_is (peek_at (p, 1), "UPDATE")))
                {
                  next (p);
                  next (p);
                  if (accept (p, "SET") || accept (p, "NO"))
                    next (p);
                  else
                    next (p);  /* RESTRICT, CASCADE */
                }
              else
                break;
            }
        }
      else if (token_is (token, "WITHOUT"))
        {
          if (!accept (p, "SYSTEM") || !accept (p, "VERSIONING"))
            return fail (p, "WITHOUT SYSTEM VERSIONING was expected");
        }
      else
        {
          p->at--;
          return fail (p, "a column attribute this reader does not know");
        }
    }
}

static gboolean
column_definition (Parser     *p,
                   ColumnSpec *spec)
{
  spec->def.geometry_type = -1;
  spec->def.datetime_precision = -1;
  spec->def.octet_length = -1;
  spec->def.numeric_precision = -1;
  spec->def.numeric_scale = -1;
  spec->char_length = -1;
  return column_type (p, spec) && column_attributes (p, spec);
}

/* ( col [(length)] [ASC|DESC], ... ) of a key. */
static char **
key_columns (Parser *p)
{
  g_autoptr(GPtrArray) columns = g_ptr_array_new_with_free_func (g_free);

  /* An index name, USING BTREE */
  if (peek (p)->type == TOKEN_WORD || peek (p)->type == TOKEN_QUOTED)
    {
      if (accept (p, "USING"))
        next (p);
      else
        next (p);
    }
  if (!accept_punct (p, "("))
    {
      fail (p, "“(” was expected");
      return NULL;
    }
  do
    {
      char *name = identifier (p);

      if (name == NULL)
        return NULL;
      g_ptr_array_add (columns, name);
      if (token_is_punct (peek (p), "(") && !skip_parenthesized (p))
        return NULL;
      (void) (accept (p, "ASC") || accept (p, "DESC"));
    }
  while (accept_punct (p, ","));
  if (!accept_punct (p, ")"))
    {
      fail (p, "“)” was expected");
      return NULL;
    }
  if (!skip_to_separator (p))
    return NULL;
  g_ptr_array_add (columns, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&columns), FALSE);
}

/* After ADD or in CREATE TABLE: an index or constraint rather than a
 * column (the words are reserved: a column of that name is quoted).
 * Adds OP_PRIMARY_KEY for a primary key; skips the others. */
static gboolean
is_index_word (const Token *token)
{
  static const char * const words[] = {
    "PRIMARY", "KEY", "INDEX", "UNIQUE", "FULLTEXT", "SPATIAL", "FOREIGN", "CONSTRAINT",
    "CHECK",
  };

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (token_is (token, words[i]))
      return TRUE;
  return FALSE;
}

static gboolean
index_definition (Parser         *p,
                  MysqlBinlogDdl *ddl)
{
  if (accept (p, "CONSTRAINT"))
    {
      if (!at_keyword (p, "PRIMARY") && !at_keyword (p, "UNIQUE") && !at_keyword (p, "FOREIGN") &&
          !at_keyword (p, "CHECK"))
        next (p);
    }
  if (accept (p, "PRIMARY"))
    {
      MysqlBinlogDdlOp *op;
      char **columns;

      if (!accept (p, "KEY"))
        return fail (p, "PRIMARY KEY was expected");
      columns = key_columns (p);
      if (columns == NULL)
        return FALSE;
      op = op_new (OP_PRIMARY_KEY);
      op->columns = columns;
      g_ptr_array_add (ddl->ops, op);
      return TRUE;
    }
  return skip_to_separator (p);
}

static gboolean
charset_option (Parser  *p,
                char   **charset)
{
  const Token *token = peek (p);
  g_autofree char *name = NULL;

  if (!token_is (token, "CHARACTER") && !token_is (token, "CHARSET") && !token_is (token, "COLLATE"))
    return FALSE;
  next (p);
  if (token_is (token, "CHARACTER") && !accept (p, "SET"))
    return fail (p, "CHARACTER SET was expected");
  accept_punct (p, "=");
  if (peek (p)->type == TOKEN_STRING)
    name = g_strdup (next (p)->text);
  else if ((name = identifier (p)) == NULL)
    return FALSE;
  if (!token_is (token, "COLLATE") || *charset == NULL)
    {
      g_free (*charset);
      *charset = charset_of (name);
    }
  return TRUE;
}

/* The partitioning at the end of CREATE TABLE, from PARTITION BY: it
 * changes no column, but a query may follow it (CREATE TABLE … PARTITION
 * BY … SELECT), which takes the columns from its result. */
static gboolean
partition_options (Parser *p)
{
  while (!at_end (p))
    {
      const Token *token = peek (p);

      if (token_is (token, "SELECT") || token_is (token, "AS") || token_is (token, "IGNORE") ||
          token_is (token, "REPLACE") || token_is (token, "VALUES") || token_is (token, "TABLE") ||
          token_is (token, "WITH"))
        return fail (p, "CREATE TABLE … SELECT takes its columns from a query");
      if (token_is_punct (token, "("))
        {
          const Token *inside = peek_at (p, 1);

          /* The partitions' definitions start with PARTITION, the
           * function's arguments with anything but a query. */
          if (token_is (inside, "SELECT") || token_is (inside, "WITH") ||
              token_is (inside, "VALUES") || token_is (inside, "TABLE") ||
              token_is_punct (inside, "("))
            return fail (p, "CREATE TABLE … SELECT takes its columns from a query");
          if (!skip_parenthesized (p))
            return FALSE;
        }
      else
        next (p);
    }
  return TRUE;
}

/* The table options after CREATE TABLE's columns. */
static gboolean
table_options (Parser         *p,
               MysqlBinlogDdl *ddl)
{
  while (!at_end (p))
    {
      const Token *token = peek (p);

      if (p->why != NULL)
        return FALSE;
      if (token_is (token, "DEFAULT"))
        next (p);
      else if (charset_option (p, &ddl->charset))
        ;
      else if (p->why != NULL)
        return FALSE;
      else if (token_is (token, "SELECT") || token_is (token, "AS") || token_is (token, "IGNORE") ||
               token_is (token, "REPLACE") || token_is_punct (token, "("))
        return fail (p, "CREATE TABLE … SELECT takes its columns from a query");
      else if (token_is (token, "WITH") && token_is (peek_at (p, 1), "SYSTEM"))
        return fail (p, "a system-versioned table has columns of its own");
      else if (token_is (token, "PARTITION"))
        return partition_options (p);
      else
        next (p);
    }
  return TRUE;
}

static gboolean
parse_create_table (Parser         *p,
                    MysqlBinlogDdl *ddl)
{
  char *name;

  if (accept (p, "IF"))
    {
      if (!accept (p, "NOT") || !accept (p, "EXISTS"))
        return fail (p, "IF NOT EXISTS was expected");
      ddl->if_not_exists = TRUE;
    }
  if ((name = table_name (p)) == NULL)
    return FALSE;
  g_ptr_array_add (ddl->tables, name);

  if (accept (p, "LIKE") ||
      (token_is_punct (peek (p), "(") && token_is (peek_at (p, 1), "LIKE") && (p->at += 2)))
    {
      char *source = table_name (p);

      if (source == NULL)
        return FALSE;
      g_ptr_array_add (ddl->tables, source);
      return TRUE;
    }
  if (!accept_punct (p, "("))
    return fail (p, "CREATE TABLE without columns takes them from a query");
  do
    {
      if (is_index_word (peek (p)) ||
          (at_keyword (p, "PERIOD") && token_is (peek_at (p, 1), "FOR")))
        {
          if (!index_definition (p, ddl))
            return FALSE;
        }
      else
        {
          MysqlBinlogDdlOp *op = op_new (OP_ADD);

          g_ptr_array_add (ddl->ops, op);
          if ((op->name = identifier (p)) == NULL || !column_definition (p, &op->spec))
            return FALSE;
          op->spec.def.name = g_strdup (op->name);
        }
    }
  while (accept_punct (p, ","));
  if (!accept_punct (p, ")"))
    return fail (p, "“,” or “)” was expected");
  return table_options (p, ddl);
}

/* FIRST or AFTER col, after a column of ALTER TABLE. */
static gboolean
column_position (Parser           *p,
                 MysqlBinlogDdlOp *op)
{
  if (accept (p, "FIRST"))
    op->first = TRUE;
  else if (accept (p, "AFTER"))
    return (op->after = identifier (p)) != NULL;
  return TRUE;
}

static gboolean
accept_if (Parser     *p,
           gboolean    not_exists)
{
  if (!at_keyword (p, "IF"))
    return FALSE;
  if (not_exists ? !(token_is (peek_at (p, 1), "NOT") && token_is (peek_at (p, 2), "EXISTS"))
                 : !token_is (peek_at (p, 1), "EXISTS"))
    return FALSE;
  p->at += not_exists ? 3 : 2;
  return TRUE;
}

static gboolean
alter_spec (Parser         *p,
            MysqlBinlogDdl *ddl)
{
  const Token *token = peek (p);
  MysqlBinlogDdlOp *op;

  if (accept (p, "ADD"))
    {
      gboolean column = accept (p, "COLUMN");
      gboolean if_not_exists = accept_if (p, TRUE);

      if (!column && (is_index_word (peek (p)) || at_keyword (p, "PERIOD") ||
                      at_keyword (p, "PARTITION")))
        return index_definition (p, ddl);
      if (!column && at_keyword (p, "SYSTEM"))
        return fail (p, "system versioning adds columns of its own");
      if (accept_punct (p, "("))
        {
          do
            {
              op = op_new (OP_ADD);
              g_ptr_array_add (ddl->ops, op);
              op->if_exists = if_not_exists;
              if ((op->name = identifier (p)) == NULL || !column_definition (p, &op->spec))
                return FALSE;
              op->spec.def.name = g_strdup (op->name);
            }
          while (accept_punct (p, ","));
          if (!accept_punct (p, ")"))
            return fail (p, "“)” was expected");
          return TRUE;
        }
      op = op_new (OP_ADD);
      g_ptr_array_add (ddl->ops, op);
      op->if_exists = if_not_exists;
      if ((op->name = identifier (p)) == NULL || !column_definition (p, &op->spec))
        return FALSE;
      op->spec.def.name = g_strdup (op->name);
      return column_position (p, op);
    }
  if (accept (p, "DROP"))
    {
      gboolean column = accept (p, "COLUMN");

      if (!column && accept (p, "PRIMARY"))
        {
          if (!accept (p, "KEY"))
            return fail (p, "PRIMARY KEY was expected");
          g_ptr_array_add (ddl->ops, op_new (OP_DROP_PRIMARY_KEY));
          return TRUE;
        }
      if (!column && at_keyword (p, "SYSTEM"))
        return fail (p, "system versioning drops columns of its own");
      if (!column && (is_index_word (peek (p)) || at_keyword (p, "PARTITION") ||
                      at_keyword (p, "PERIOD")))
        {
          /* DROP INDEX `PRIMARY` is DROP PRIMARY KEY */
          if ((accept (p, "INDEX") || accept (p, "KEY")) && !accept_if (p, FALSE) &&
              peek (p)->type != TOKEN_END && g_ascii_strcasecmp (peek (p)->text, "PRIMARY") == 0)
            {
              next (p);
              g_ptr_array_add (ddl->ops, op_new (OP_DROP_PRIMARY_KEY));
              return TRUE;
            }
          return skip_to_separator (p);
        }
      op = op_new (OP_DROP);
      g_ptr_array_add (ddl->ops, op);
      op->if_exists = accept_if (p, FALSE);
      if ((op->name = identifier (p)) == NULL)
        return FALSE;
      (void) (accept (p, "RESTRICT") || accept (p, "CASCADE"));
      return TRUE;
    }
  if (accept (p, "MODIFY") || accept (p, "CHANGE"))
    {
      gboolean change = token_is (token, "CHANGE");

      accept (p, "COLUMN");
      op = op_new (OP_MODIFY);
      g_ptr_array_add (ddl->ops, op);
      op->if_exists = accept_if (p, FALSE);
      if ((op->name = identifier (p)) == NULL ||
          (change && (op->new_name = identifier (p)) == NULL) ||
          !column_definition (p, &op->spec))
        return FALSE;
      op->spec.def.name = g_strdup (op->new_name != NULL ? op->new_name : op->name);
      return column_position (p, op);
    }
  if (accept (p, "RENAME"))
    {
      if (accept (p, "COLUMN"))
        {
          op = op_new (OP_RENAME);
          g_ptr_array_add (ddl->ops, op);
          if ((op->name = identifier (p)) == NULL)
            return FALSE;
          if (!accept (p, "TO"))
            return fail (p, "TO was expected");
          return (op->new_name = identifier (p)) != NULL;
        }
      if (accept (p, "INDEX") || accept (p, "KEY"))
        return skip_to_separator (p);
      {
        char *name;

        (void) (accept (p, "TO") || accept (p, "AS"));
        if ((name = table_name (p)) == NULL)
          return FALSE;
        if (ddl->tables->len > 1)
          {
            g_free (name);
            return fail (p, "a second RENAME");
          }
        g_ptr_array_add (ddl->tables, name);
        return TRUE;
      }
    }
  if (accept (p, "ALTER"))
    {
      /* ALTER [COLUMN] c SET DEFAULT … / DROP DEFAULT / SET [IN]VISIBLE,
       * ALTER INDEX, ALTER CHECK: no column changes. */
      return skip_to_separator (p);
    }
  if (accept (p, "DEFAULT"))
    token = peek (p);
  if (token_is (token, "CHARACTER") || token_is (token, "CHARSET") || token_is (token, "COLLATE"))
    {
      op = op_new (OP_DEFAULT_CHARSET);
      g_ptr_array_add (ddl->ops, op);
      return charset_option (p, &op->charset);
    }
  if (token_is (token, "CONVERT"))
    return fail (p, "CONVERT TO CHARACTER SET changes the columns' types");

  {
    /* Options that change no column. */
    static const char * const harmless[] = {
      "ENGINE", "AUTO_INCREMENT", "COMMENT", "ROW_FORMAT", "KEY_BLOCK_SIZE", "ALGORITHM",
      "LOCK", "FORCE", "ORDER", "ENABLE", "DISABLE", "STATS_AUTO_RECALC", "STATS_PERSISTENT",
      "STATS_SAMPLE_PAGES", "PACK_KEYS", "CHECKSUM", "TABLE_CHECKSUM", "DELAY_KEY_WRITE",
      "MAX_ROWS", "MIN_ROWS", "AVG_ROW_LENGTH", "PAGE_CHECKSUM", "TRANSACTIONAL",
      "INSERT_METHOD", "DATA", "INDEX", "ENCRYPTED", "ENCRYPTION_KEY_ID", "PAGE_COMPRESSED",
      "PAGE_COMPRESSION_LEVEL", "IETF_QUOTES", "TABLESPACE", "UNION", "CONNECTION",
      "PASSWORD", "COMPRESSION", "ENCRYPTION", "WITH", "WITHOUT", "DISCARD", "IMPORT",
      "PARTITION", "REMOVE", "COALESCE", "REORGANIZE", "EXCHANGE", "ANALYZE", "CHECK",
      "OPTIMIZE", "REBUILD", "REPAIR", "TRUNCATE", "SECONDARY_ENGINE", "ENGINE_ATTRIBUTE",
      "NOWAIT", "WAIT", "STORAGE",
    };

    for (guint i = 0; i < G_N_ELEMENTS (harmless); i++)
      if (token_is (token, harmless[i]))
        {
          /* WITH SYSTEM VERSIONING adds columns. */
          if ((token_is (token, "WITH") || token_is (token, "WITHOUT")) &&
              token_is (peek_at (p, 1), "SYSTEM"))
            return fail (p, "system versioning changes columns");
          next (p);
          return skip_to_separator (p);
        }
  }
  return fail (p, "an ALTER TABLE change this reader does not know");
}

static gboolean
parse_alter_table (Parser         *p,
                   MysqlBinlogDdl *ddl)
{
  char *name;

  accept_if (p, FALSE);
  if ((name = table_name (p)) == NULL)
    return FALSE;
  g_ptr_array_add (ddl->tables, name);
  if (accept (p, "WAIT"))
    next (p);
  else
    accept (p, "NOWAIT");
  if (at_end (p))
    return TRUE;
  do
    {
      if (!alter_spec (p, ddl))
        return FALSE;
    }
  while (accept_punct (p, ","));
  if (!at_end (p))
    return fail (p, "“,” was expected");
  return TRUE;
}

static gboolean
parse_table_list (Parser         *p,
                  MysqlBinlogDdl *ddl,
                  gboolean        pairs)
{
  accept_if (p, FALSE);
  do
    {
      char *name = table_name (p);

      if (name == NULL)
        return FALSE;
      g_ptr_array_add (ddl->tables, name);
      if (pairs)
        {
          if (!accept (p, "TO"))
            return fail (p, "TO was expected");
          if ((name = table_name (p)) == NULL)
            return FALSE;
          g_ptr_array_add (ddl->tables, name);
        }
    }
  while (accept_punct (p, ","));
  (void) (accept (p, "RESTRICT") || accept (p, "CASCADE"));
  if (!at_end (p))
    return fail (p, "“,” was expected");
  return TRUE;
}

static gboolean
parse_database (Parser         *p,
                MysqlBinlogDdl *ddl,
                gboolean        name_optional)
{
  if (accept_if (p, TRUE))
    ddl->if_not_exists = TRUE;
  else
    accept_if (p, FALSE);
  if (name_optional && (at_end (p) || at_keyword (p, "DEFAULT") || at_keyword (p, "CHARACTER") ||
                        at_keyword (p, "CHARSET") || at_keyword (p, "COLLATE")))
    ddl->schema = g_strdup (p->schema);
  else if ((ddl->schema = identifier (p)) == NULL)
    return FALSE;
  while (!at_end (p))
    {
      if (accept (p, "DEFAULT"))
        continue;
      if (!charset_option (p, &ddl->charset))
        {
          if (p->why != NULL)
            return FALSE;
          /* COMMENT 'x', UPGRADE DATA DIRECTORY NAME, ... */
          next (p);
        }
    }
  return TRUE;
}

/* CREATE [OR REPLACE] [DEFINER = …] [ALGORITHM = …] [SQL SECURITY …]
 * [AGGREGATE] VIEW / PROCEDURE / …: objects that are no table. */
static gboolean
is_no_table (Parser *p)
{
  static const char * const objects[] = {
    "VIEW", "PROCEDURE", "FUNCTION", "TRIGGER", "EVENT", "USER", "ROLE", "SERVER",
    "SEQUENCE", "PACKAGE", "LOGFILE", "TABLESPACE", "RESOURCE", "SPATIAL", "INDEX",
    "UNIQUE", "FULLTEXT",
  };

  for (;;)
    {
      if (accept (p, "DEFINER") || accept (p, "ALGORITHM"))
        {
          accept_punct (p, "=");
          /* user@host, CURRENT_USER, 'user'@'host' */
          next (p);
          if (accept_punct (p, "@"))
            next (p);
          if (token_is_punct (peek (p), "(") && !skip_parenthesized (p))
            return FALSE;
        }
      else if (accept (p, "SQL"))
        {
          accept (p, "SECURITY");
          next (p);
        }
      else if (!accept (p, "AGGREGATE") && !accept (p, "ONLINE") && !accept (p, "OFFLINE"))
        break;
    }
  for (guint i = 0; i < G_N_ELEMENTS (objects); i++)
    if (at_keyword (p, objects[i]))
      return TRUE;
  return FALSE;
}

static void
parse (Parser         *p,
       MysqlBinlogDdl *ddl)
{
  static const char * const harmless[] = {
    "GRANT", "REVOKE", "FLUSH", "ANALYZE", "OPTIMIZE", "REPAIR", "CHECK", "CHECKSUM", "SET",
    "INSTALL", "UNINSTALL", "XA", "SAVEPOINT", "RELEASE", "ROLLBACK", "COMMIT", "BEGIN",
    "DO", "SELECT", "CALL", "LOCK", "UNLOCK", "PURGE", "RESET", "KILL", "SHUTDOWN",
    "BACKUP",
  };
  const Token *first = peek (p);

  for (guint i = 0; i < G_N_ELEMENTS (harmless); i++)
    if (token_is (first, harmless[i]))
      {
        ddl->kind = MYSQL_BINLOG_DDL_NONE;
        return;
      }

  if (accept (p, "CREATE"))
    {
      gboolean or_replace = FALSE;

      if (accept (p, "OR"))
        {
          if (!accept (p, "REPLACE"))
            {
              fail (p, "OR REPLACE was expected");
              return;
            }
          or_replace = TRUE;
        }
      if (accept (p, "DATABASE") || accept (p, "SCHEMA"))
        {
          ddl->kind = MYSQL_BINLOG_DDL_CREATE_DATABASE;
          parse_database (p, ddl, FALSE);
          return;
        }
      if (accept (p, "TEMPORARY"))
        ddl->temporary = TRUE;
      if (accept (p, "TABLE"))
        {
          ddl->kind = MYSQL_BINLOG_DDL_CREATE_TABLE;
          parse_create_table (p, ddl);
          if (or_replace && ddl->if_not_exists)
            fail (p, "OR REPLACE with IF NOT EXISTS");
          return;
        }
      if (!ddl->temporary && is_no_table (p))
        {
          /* CREATE INDEX changes no column; neither do the others. */
          ddl->kind = MYSQL_BINLOG_DDL_NONE;
          return;
        }
    }
  else if (accept (p, "ALTER"))
    {
      if (accept (p, "DATABASE") || accept (p, "SCHEMA"))
        {
          ddl->kind = MYSQL_BINLOG_DDL_CREATE_DATABASE;
          parse_database (p, ddl, TRUE);
          return;
        }
      accept (p, "ONLINE");
      accept (p, "IGNORE");
      if (accept (p, "TABLE"))
        {
          ddl->kind = MYSQL_BINLOG_DDL_ALTER_TABLE;
          parse_alter_table (p, ddl);
          return;
        }
      if (is_no_table (p))
        {
          ddl->kind = MYSQL_BINLOG_DDL_NONE;
          return;
        }
    }
  else if (accept (p, "DROP"))
    {
      if (accept (p, "DATABASE") || accept (p, "SCHEMA"))
        {
          ddl->kind = MYSQL_BINLOG_DDL_DROP_DATABASE;
          parse_database (p, ddl, FALSE);
          return;
        }
      if (accept (p, "TEMPORARY"))
        ddl->temporary = TRUE;
      if (accept (p, "TABLE") || accept (p, "TABLES"))
        {
          ddl->kind = MYSQL_BINLOG_DDL_DROP_TABLE;
          parse_table_list (p, ddl, FALSE);
          return;
        }
      if (accept (p, "INDEX"))
        {
          /* DROP INDEX `PRIMARY` ON t drops the primary key. */
          g_autofree char *index = identifier (p);

          if (index == NULL)
            return;
          if (g_ascii_strcasecmp (index, "PRIMARY") != 0)
            {
              ddl->kind = MYSQL_BINLOG_DDL_NONE;
              return;
            }
          ddl->kind = MYSQL_BINLOG_DDL_ALTER_TABLE;
          if (!accept (p, "ON"))
            {
              fail (p, "ON was expected");
              return;
            }
          {
            char *name = table_name (p);

            if (name == NULL)
              return;
            g_ptr_array_add (ddl->tables, name);
            g_ptr_array_add (ddl->ops, op_new (OP_DROP_PRIMARY_KEY));
          }
          return;
        }
      if (is_no_table (p))
        {
          ddl->kind = MYSQL_BINLOG_DDL_NONE;
          return;
        }
    }
  else if (accept (p, "RENAME"))
    {
      if (accept (p, "TABLE") || accept (p, "TABLES"))
        {
          ddl->kind = MYSQL_BINLOG_DDL_RENAME_TABLE;
          parse_table_list (p, ddl, TRUE);
          return;
        }
      if (accept (p, "USER"))
        {
          ddl->kind = MYSQL_BINLOG_DDL_NONE;
          return;
        }
    }
  else if (accept (p, "TRUNCATE"))
    {
      char *name;

      ddl->kind = MYSQL_BINLOG_DDL_TRUNCATE;
      accept (p, "TABLE");
      if ((name = table_name (p)) != NULL)
        g_ptr_array_add (ddl->tables, name);
      return;
    }
  ddl->kind = MYSQL_BINLOG_DDL_UNKNOWN;
  fail (p, "a statement this reader does not know");
}

MysqlBinlogDdl *
_mysql_binlog_ddl_parse (const char *statement,
                         const char *schema)
{
  MysqlBinlogDdl *ddl = g_new0 (MysqlBinlogDdl, 1);
  g_autoptr(GArray) tokens = tokenize (statement);
  Parser p = { tokens, 0, schema, NULL };

  ddl->tables = g_ptr_array_new_with_free_func (g_free);
  ddl->ops = g_ptr_array_new_with_free_func ((GDestroyNotify) op_free);
  if (tokens == NULL)
    {
      ddl->kind = MYSQL_BINLOG_DDL_UNKNOWN;
      ddl->why = g_strdup ("a quote or comment that does not end");
      return ddl;
    }
  parse (&p, ddl);
  if (p.why == NULL && !at_end (&p) && ddl->kind != MYSQL_BINLOG_DDL_NONE)
    fail (&p, "the end of the statement was expected");
  ddl->why = p.why;
  /* What it changes is not known: any table of it. */
  if (ddl->why != NULL && ddl->kind == MYSQL_BINLOG_DDL_NONE)
    ddl->kind = MYSQL_BINLOG_DDL_UNKNOWN;
  return ddl;
}

void
_mysql_binlog_ddl_free (MysqlBinlogDdl *ddl)
{
  if (ddl == NULL)
    return;
  g_ptr_array_unref (ddl->tables);
  g_ptr_array_unref (ddl->ops);
  g_free (ddl->schema);
  g_free (ddl->why);
  g_free (ddl->charset);
  g_free (ddl);
}

/* Applying */

static gint
find_column (const GPtrArray *columns,
             const char      *name)
{
  /* Column names compare without case. */
  for (guint i = 0; i < columns->len; i++)
    {
      const MysqlBinlogColumnDefinition *column = g_ptr_array_index (columns, i);
      g_autofree char *a = g_utf8_casefold (column->name, -1);
      g_autofree char *b = g_utf8_casefold (name, -1);

      if (strcmp (a, b) == 0)
        return i;
    }
  return -1;
}

static void
column_free (MysqlBinlogColumnDefinition *column)
{
  _mysql_binlog_column_definition_clear (column);
  g_free (column);
}

/* Whether character set @charset holds character @u, as far as this
 * reader knows: FALSE where it cannot tell (the multi-byte sets of East
 * Asia and those read through iconv, beyond ASCII). */
static gboolean
charset_holds (const MysqlBinlogCharsetInfo *info,
               gunichar                      u)
{
  if (info == NULL)
    return FALSE;
  switch (info->decode)
    {
    case MYSQL_BINLOG_DECODE_UTF8:
      if (strcmp (info->name, "ascii") == 0)
        return u < 0x80;
      return strcmp (info->name, "utf8mb3") != 0 || u <= 0xFFFF;
    case MYSQL_BINLOG_DECODE_UCS2:
      return u <= 0xFFFF;
    case MYSQL_BINLOG_DECODE_UTF16BE:
    case MYSQL_BINLOG_DECODE_UTF16LE:
    case MYSQL_BINLOG_DECODE_UTF32:
      return TRUE;
    case MYSQL_BINLOG_DECODE_LATIN1:
      if (u < 0x80 || (u >= 0xA0 && u <= 0xFF))
        return TRUE;
      for (guint i = 0; i < 32; i++)
        if (_mysql_binlog_cp1252_c1[i] == u)
          return TRUE;
      return FALSE;
    case MYSQL_BINLOG_DECODE_TABLE:
      if (u < info->table_start)
        return TRUE;
      for (guint c = info->table_start; c <= 0xFF; c++)
        if (info->table[c - info->table_start] == u)
          return TRUE;
      return FALSE;
    default:
      return u < 0x80;
    }
}

/* The definition of a column from its specification, with the table's
 * default character set @charset; NULL with @why set when it cannot be
 * known. */
static MysqlBinlogColumnDefinition *
resolve (const ColumnSpec  *spec,
         const char        *charset,
         char             **why)
{
  MysqlBinlogColumnDefinition *column = g_new0 (MysqlBinlogColumnDefinition, 1);
  gboolean textual = spec->type_class != CLASS_OTHER;
  guint max_bytes;

  _mysql_binlog_column_definition_copy (column, &spec->def);
  if (!textual)
    return column;

  if (column->charset == NULL)
    column->charset = g_strdup (spec->national ? "utf8mb3" : charset);
  if (column->charset == NULL)
    {
      /* Not known: the table map may carry it (MINIMAL metadata), and the
       * column's length in bytes is not checked against it. */
      if (spec->type_class == CLASS_TEXT && spec->char_length >= 0)
        {
          *why = g_strdup_printf ("the character set of column %s, which decides its type, "
                                  "is not known", column->name);
          column_free (column);
          return NULL;
        }
      return column;
    }
  max_bytes = _mysql_binlog_ddl_charset_max_bytes (column->charset);
  if (max_bytes == 0)
    {
      *why = g_strdup_printf ("the character set %s of column %s is not known", column->charset,
                              column->name);
      column_free (column);
      return NULL;
    }

  /* The server converts the members to the column's character set, and
   * one that holds a character it cannot becomes another text. */
  if (column->members != NULL && column->members_error == NULL)
    {
      const MysqlBinlogCharsetInfo *info = _mysql_binlog_charset_info_for_name (column->charset);

      for (guint m = 0; column->members[m] != NULL && column->members_error == NULL; m++)
        for (const char *c = column->members[m]; *c != '\0'; c = g_utf8_next_char (c))
          if (!charset_holds (info, g_utf8_get_char (c)))
            {
              column->members_error = g_strdup_printf ("the member “%s” of column %s holds a "
                                                       "character that the server may not keep "
                                                       "in %s", column->members[m], column->name,
                                                       column->charset);
              break;
            }
    }

  if (spec->type_class == CLASS_CHAR)
    column->octet_length = spec->char_length * max_bytes;
  else if (spec->type_class == CLASS_TEXT && spec->char_length >= 0)
    {
      gint64 bytes = spec->char_length * max_bytes;

      g_free (column->data_type);
      column->data_type = g_strdup (bytes < 256 ? "tinytext" : bytes < 65536 ? "text"
                                    : bytes < 16777216 ? "mediumtext" : "longtext");
    }
  /* CHARACTER SET binary: the binary types. */
  if (strcmp (column->charset, "binary") == 0)
    {
      const char *binary = NULL;

      if (strcmp (column->data_type, "char") == 0)
        binary = "binary";
      else if (strcmp (column->data_type, "varchar") == 0)
        binary = "varbinary";
      else if (g_str_has_suffix (column->data_type, "text"))
        binary = strcmp (column->data_type, "tinytext") == 0 ? "tinyblob"
                 : strcmp (column->data_type, "text") == 0 ? "blob"
                 : strcmp (column->data_type, "mediumtext") == 0 ? "mediumblob" : "longblob";
      if (binary != NULL)
        {
          g_free (column->data_type);
          column->data_type = g_strdup (binary);
        }
      g_clear_pointer (&column->charset, g_free);
    }
  return column;
}

static gboolean
place (GPtrArray                   *columns,
       MysqlBinlogColumnDefinition *column,
       const MysqlBinlogDdlOp      *op,
       gint                         at,
       char                       **why)
{
  if (op->first)
    at = 0;
  else if (op->after != NULL)
    {
      gint after = find_column (columns, op->after);

      if (after < 0)
        {
          *why = g_strdup_printf ("AFTER names a column %s the table does not have", op->after);
          column_free (column);
          return FALSE;
        }
      at = after + 1;
    }
  if (at < 0 || (guint) at > columns->len)
    {
      /* A column added at the end goes before MariaDB's implicit period
       * columns, which stay last. */
      at = columns->len;
      while (at > 0 &&
             ((MysqlBinlogColumnDefinition *) g_ptr_array_index (columns, at - 1))
             ->is_implicit_period)
        at--;
    }
  g_ptr_array_insert (columns, at, column);
  return TRUE;
}

MysqlBinlogDefinition *
_mysql_binlog_ddl_apply (const MysqlBinlogDdl        *ddl,
                         const MysqlBinlogDefinition *before,
                         const char                  *schema_charset,
                         char                       **why)
{
  g_autoptr(GPtrArray) columns = g_ptr_array_new_with_free_func ((GDestroyNotify) column_free);
  g_autoptr(GHashTable) touched = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *charset = NULL;
  gboolean charset_changed = FALSE;
  MysqlBinlogDefinition *after;

  g_return_val_if_fail (ddl->why == NULL, NULL);

  if (before != NULL)
    {
      for (guint i = 0; i < before->n_columns; i++)
        {
          MysqlBinlogColumnDefinition *column = g_new0 (MysqlBinlogColumnDefinition, 1);

          _mysql_binlog_column_definition_copy (column, &before->columns[i]);
          g_ptr_array_add (columns, column);
        }
      charset = g_strdup (before->default_charset);
    }
  else
    charset = g_strdup (ddl->charset != NULL ? ddl->charset : schema_charset);

  /* The implicit period columns of a system-versioned table cannot be
   * named by ALTER TABLE, and the server adds the end of the period to
   * the primary key: a statement that seems to name them, or that changes
   * the primary key, is not read with certainty. */
  for (guint i = 0; i < columns->len; i++)
    {
      const MysqlBinlogColumnDefinition *period = g_ptr_array_index (columns, i);

      if (!period->is_implicit_period)
        continue;
      for (guint k = 0; k < ddl->ops->len; k++)
        {
          const MysqlBinlogDdlOp *op = g_ptr_array_index (ddl->ops, k);
          const char *names[] = { op->name, op->new_name, op->after };

          if (op->kind == OP_PRIMARY_KEY || op->kind == OP_DROP_PRIMARY_KEY)
            {
              *why = g_strdup ("the primary key of a system-versioned table holds the end of "
                               "its period");
              return NULL;
            }
          for (guint n = 0; n < G_N_ELEMENTS (names); n++)
            {
              g_autofree char *a = names[n] != NULL ? g_utf8_casefold (names[n], -1) : NULL;
              g_autofree char *b = g_utf8_casefold (period->name, -1);

              if (a != NULL && strcmp (a, b) == 0)
                {
                  *why = g_strdup_printf ("column %s is an implicit period column of a "
                                          "system-versioned table", names[n]);
                  return NULL;
                }
            }
        }
    }

  /* The server does not apply the changes of one ALTER TABLE one after
   * the other: where two of them change the same column, or a new
   * default character set meets a column that takes it, the outcome is
   * not read with certainty.  A column named by AFTER only is not
   * changed: the server places the columns that move in the order of the
   * statement, each after the column it names as the table is by then,
   * as applying them one after the other does (several AFTER the same
   * column, AFTER a column added or moved before). */
  for (guint i = 0; i < ddl->ops->len; i++)
    {
      const MysqlBinlogDdlOp *op = g_ptr_array_index (ddl->ops, i);
      const char *names[] = { op->name, op->new_name };

      if (op->kind == OP_DEFAULT_CHARSET)
        charset_changed = TRUE;
      for (guint k = 0; before != NULL && k < G_N_ELEMENTS (names); k++)
        {
          g_autofree char *key = NULL;

          if (names[k] == NULL)
            continue;
          key = g_utf8_casefold (names[k], -1);
          /* CHANGE c c …: one column, named twice by the same change. */
          if (k == 1 && names[0] != NULL)
            {
              g_autofree char *old_key = g_utf8_casefold (names[0], -1);

              if (strcmp (old_key, key) == 0)
                continue;
            }
          if (g_hash_table_contains (touched, key))
            {
              *why = g_strdup_printf ("column %s is named by two changes of the statement",
                                      names[k]);
              return NULL;
            }
          g_hash_table_add (touched, g_steal_pointer (&key));
        }
    }
  for (guint i = 0; before != NULL && charset_changed && i < ddl->ops->len; i++)
    {
      const MysqlBinlogDdlOp *op = g_ptr_array_index (ddl->ops, i);

      if ((op->kind == OP_ADD || op->kind == OP_MODIFY) && op->spec.type_class != CLASS_OTHER &&
          op->spec.def.charset == NULL)
        {
          *why = g_strdup_printf ("column %s takes the table's character set, which the "
                                  "statement changes", op->name);
          return NULL;
        }
    }

  for (guint i = 0; i < ddl->ops->len; i++)
    {
      const MysqlBinlogDdlOp *op = g_ptr_array_index (ddl->ops, i);
      gint index = op->name != NULL ? find_column (columns, op->name) : -1;
      MysqlBinlogColumnDefinition *column;

      switch (op->kind)
        {
        case OP_ADD:
          if (index >= 0)
            {
              if (op->if_exists)
                break;
              *why = g_strdup_printf ("column %s exists already", op->name);
              return NULL;
            }
          if ((column = resolve (&op->spec, charset, why)) == NULL ||
              !place (columns, column, op, -1, why))
            return NULL;
          break;
        case OP_DROP:
        case OP_MODIFY:
        case OP_RENAME:
          if (index < 0)
            {
              if (op->if_exists)
                break;
              *why = g_strdup_printf ("the table has no column %s", op->name);
              return NULL;
            }
          if (op->kind == OP_DROP)
            {
              g_ptr_array_remove_index (columns, index);
              break;
            }
          if (op->kind == OP_RENAME)
            {
              column = g_ptr_array_index (columns, index);
              g_free (column->name);
              column->name = g_strdup (op->new_name);
              break;
            }
          {
            gboolean key = ((MysqlBinlogColumnDefinition *) g_ptr_array_index (columns, index))
                           ->is_primary_key;

            if ((column = resolve (&op->spec, charset, why)) == NULL)
              return NULL;
            column->is_primary_key = column->is_primary_key || key;
            g_ptr_array_remove_index (columns, index);
            if (!place (columns, column, op, index, why))
              return NULL;
          }
          break;
        case OP_PRIMARY_KEY:
          for (guint k = 0; op->columns[k] != NULL; k++)
            {
              gint key = find_column (columns, op->columns[k]);

              if (key < 0)
                {
                  *why = g_strdup_printf ("the primary key names a column %s the table does "
                                          "not have", op->columns[k]);
                  return NULL;
                }
              ((MysqlBinlogColumnDefinition *) g_ptr_array_index (columns, key))->is_primary_key = TRUE;
            }
          break;
        case OP_DROP_PRIMARY_KEY:
          for (guint k = 0; k < columns->len; k++)
            ((MysqlBinlogColumnDefinition *) g_ptr_array_index (columns, k))->is_primary_key = FALSE;
          break;
        case OP_DEFAULT_CHARSET:
          g_free (charset);
          charset = g_strdup (op->charset);
          break;
        }
    }

  if (columns->len == 0)
    {
      *why = g_strdup ("the table has no columns left");
      return NULL;
    }
  after = _mysql_binlog_definition_new (columns->len);
  for (guint i = 0; i < columns->len; i++)
    {
      MysqlBinlogColumnDefinition *column = g_ptr_array_index (columns, i);

      after->columns[i] = *column;
      memset (column, 0, sizeof *column);
    }
  after->default_charset = g_steal_pointer (&charset);
  return after;
}

gboolean
_mysql_binlog_ddl_changes_columns (const MysqlBinlogDdl *ddl)
{
  if (ddl->kind != MYSQL_BINLOG_DDL_ALTER_TABLE || ddl->why != NULL || ddl->tables->len != 1)
    return TRUE;
  /* What is left of an ALTER TABLE read with certainty that neither
   * renames the table nor has an operation on a column or the primary
   * key: its indexes, its options, its default character set for columns
   * added later. */
  for (guint i = 0; i < ddl->ops->len; i++)
    {
      const MysqlBinlogDdlOp *op = g_ptr_array_index (ddl->ops, i);

      if (op->kind != OP_DEFAULT_CHARSET)
        return TRUE;
    }
  return FALSE;
}

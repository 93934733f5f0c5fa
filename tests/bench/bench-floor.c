/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/*
 * What GLib alone costs on this machine for the two things the API makes a
 * reader do per row and per value, with no binlog involved:
 *
 *   - one GObject signal emission per row, to one handler, through a
 *     va_marshaller (the cheapest way GObject emits: what the stream does);
 *   - one new GVariant per value (a 64-bit integer, the cheapest variant),
 *     returned as a full reference and released.
 *
 * Prints one line for the driver:
 *
 *   emissions=N emission_seconds=S variants=M variant_seconds=T
 *
 * Both are floors: no reader that emits one signal per row, or returns one
 * new GVariant per value, can spend less than this on them.
 */

#include <glib-object.h>

#define FLOOR_TYPE_EMITTER (floor_emitter_get_type ())
G_DECLARE_FINAL_TYPE (FloorEmitter, floor_emitter, FLOOR, EMITTER, GObject)

struct _FloorEmitter
{
  GObject parent_instance;
};

G_DEFINE_FINAL_TYPE (FloorEmitter, floor_emitter, G_TYPE_OBJECT)

static guint row_signal;

static void
floor_emitter_class_init (FloorEmitterClass *klass)
{
  /* Flags as the stream declares rows-inserted; for one pointer and no
   * marshaller, GLib picks its own VOID:POINTER marshallers, a va_list one
   * among them. */
  row_signal = g_signal_new ("row", G_TYPE_FROM_CLASS (klass),
                             G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED, 0, NULL, NULL,
                             NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
}

static void
floor_emitter_init (FloorEmitter *self)
{
}

static void
on_row (FloorEmitter *emitter,
        gpointer      row,
        guint64      *count)
{
  (*count)++;
}

int
main (int   argc,
      char *argv[])
{
  guint64 emissions = argc > 1 ? g_ascii_strtoull (argv[1], NULL, 10) : 1400000;
  guint64 variants = argc > 2 ? g_ascii_strtoull (argv[2], NULL, 10) : 16000000;
  g_autoptr(FloorEmitter) emitter = g_object_new (FLOOR_TYPE_EMITTER, NULL);
  GQuark detail = g_quark_from_static_string ("bench.orders");
  guint64 count = 0, checksum = 0;
  gint64 begin, emitted, made;

  g_signal_connect (emitter, "row::bench.orders", G_CALLBACK (on_row), &count);

  begin = g_get_monotonic_time ();
  for (guint64 i = 0; i < emissions; i++)
    g_signal_emit (emitter, row_signal, detail, GSIZE_TO_POINTER (i));
  emitted = g_get_monotonic_time ();

  for (guint64 i = 0; i < variants; i++)
    {
      GVariant *value = g_variant_take_ref (g_variant_new_int64 ((gint64) i));

      checksum += (guint64) g_variant_get_int64 (value);
      g_variant_unref (value);
    }
  made = g_get_monotonic_time ();

  if (count != emissions || checksum != variants * (variants - 1) / 2)
    {
      g_printerr ("bench-floor: %" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT " emissions arrived, "
                  "or the variants held other values\n", count, emissions);
      return 1;
    }
  g_print ("emissions=%" G_GUINT64_FORMAT " emission_seconds=%.4f variants=%" G_GUINT64_FORMAT
           " variant_seconds=%.4f\n", emissions, (emitted - begin) / 1e6, variants,
           (made - emitted) / 1e6);
  return 0;
}

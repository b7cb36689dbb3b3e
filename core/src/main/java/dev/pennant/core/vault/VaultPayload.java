package dev.pennant.core.vault;

import static dev.pennant.core.vault.VaultException.Reason.MALFORMED;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Plaintext inside the GCM envelope (payload version 1, big-endian):
 * <pre>
 * u8  payload version (1)
 * u32 entry count
 * per entry: str id, str label, str kind, str environment, str apiKey, str secret, str notes,
 *            str permissionsNotes, i64 createdAt (epoch ms), i64 retiredAt (epoch ms, Long.MIN_VALUE = active)
 * str = u32 byte length + UTF-8 bytes
 * </pre>
 * Encoding and decoding never create {@code String}s of the key or secret; every intermediate buffer is wiped.
 */
final class VaultPayload {
    static final int VERSION = 1;
    private static final long NO_TIME = Long.MIN_VALUE;
    private static final int MAX_ENTRIES = 100_000;

    private VaultPayload() {
    }

    /** Encodes; the caller must wipe the returned array. */
    static byte[] encode(List<StoredEntry> entries) {
        Out out = new Out();
        out.u8(VERSION);
        out.u32(entries.size());
        for (StoredEntry e : entries) {
            out.str(e.id);
            out.str(e.label);
            out.str(e.kind.name());
            out.str(e.environment.name());
            out.chars(e.apiKey);
            out.chars(e.secret);
            out.str(e.notes);
            out.str(e.permissionsNotes);
            out.i64(e.createdAt.toEpochMilli());
            out.i64(e.retiredAt == null ? NO_TIME : e.retiredAt.toEpochMilli());
        }
        return out.toArrayAndWipe();
    }

    /** Decodes; the caller owns (and must wipe) the returned entries. Does not wipe {@code data}. */
    static List<StoredEntry> decode(byte[] data, String what) throws VaultException {
        List<StoredEntry> result = new ArrayList<>();
        try {
            ByteBuffer in = ByteBuffer.wrap(data);
            int version = Byte.toUnsignedInt(in.get());
            if (version != VERSION) {
                throw new VaultException(MALFORMED, what + ": unknown payload version " + version);
            }
            int count = in.getInt();
            if (count < 0 || count > MAX_ENTRIES) {
                throw new VaultException(MALFORMED, what + ": bad entry count");
            }
            for (int i = 0; i < count; i++) {
                String id = str(in);
                String label = str(in);
                EntryKind kind = EntryKind.valueOf(str(in));
                KeyEnvironment env = KeyEnvironment.valueOf(str(in));
                char[] apiKey = null;
                char[] secret = null;
                try {
                    apiKey = chars(in);
                    secret = chars(in);
                    String notes = str(in);
                    String perms = str(in);
                    long created = in.getLong();
                    long retired = in.getLong();
                    result.add(new StoredEntry(id, label, kind, env, apiKey, secret, notes, perms,
                            Instant.ofEpochMilli(created), retired == NO_TIME ? null : Instant.ofEpochMilli(retired)));
                } catch (RuntimeException | CharacterCodingException e) {
                    VaultCrypto.wipe(apiKey);
                    VaultCrypto.wipe(secret);
                    throw e;
                }
            }
            if (in.hasRemaining()) {
                throw new VaultException(MALFORMED, what + ": trailing bytes in payload");
            }
            return result;
        } catch (VaultException e) {
            result.forEach(StoredEntry::wipe);
            throw e;
        } catch (RuntimeException | CharacterCodingException e) {
            result.forEach(StoredEntry::wipe);
            throw new VaultException(MALFORMED, what + ": decrypted payload is malformed (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static int len(ByteBuffer in) {
        int n = in.getInt();
        if (n < 0 || n > in.remaining()) {
            throw new IllegalArgumentException("bad length");
        }
        return n;
    }

    private static String str(ByteBuffer in) {
        int n = len(in);
        String s = new String(in.array(), in.position(), n, StandardCharsets.UTF_8);
        in.position(in.position() + n);
        return s;
    }

    private static char[] chars(ByteBuffer in) throws CharacterCodingException {
        int n = len(in);
        CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer cb = CharBuffer.allocate(n);
        ByteBuffer slice = ByteBuffer.wrap(in.array(), in.position(), n);
        try {
            dec.decode(slice, cb, true);
            dec.flush(cb);
            cb.flip();
            char[] out = new char[cb.remaining()];
            cb.get(out);
            in.position(in.position() + n);
            return out;
        } finally {
            Arrays.fill(cb.array(), '\0');
        }
    }

    /** Growable buffer that wipes every array it discards. */
    private static final class Out {
        private byte[] buf = new byte[256];
        private int size;

        private void ensure(int extra) {
            if (size + extra > buf.length) {
                byte[] bigger = Arrays.copyOf(buf, Math.max(buf.length * 2, size + extra));
                Arrays.fill(buf, (byte) 0);
                buf = bigger;
            }
        }

        void u8(int v) {
            ensure(1);
            buf[size++] = (byte) v;
        }

        void u32(int v) {
            ensure(4);
            ByteBuffer.wrap(buf, size, 4).putInt(v);
            size += 4;
        }

        void i64(long v) {
            ensure(8);
            ByteBuffer.wrap(buf, size, 8).putLong(v);
            size += 8;
        }

        void bytes(byte[] b) {
            u32(b.length);
            ensure(b.length);
            System.arraycopy(b, 0, buf, size, b.length);
            size += b.length;
        }

        void str(String s) {
            bytes(s.getBytes(StandardCharsets.UTF_8));
        }

        void chars(char[] c) {
            byte[] b = VaultCrypto.utf8(c);
            try {
                bytes(b);
            } finally {
                VaultCrypto.wipe(b);
            }
        }

        byte[] toArrayAndWipe() {
            byte[] out = Arrays.copyOf(buf, size);
            Arrays.fill(buf, (byte) 0);
            return out;
        }
    }
}

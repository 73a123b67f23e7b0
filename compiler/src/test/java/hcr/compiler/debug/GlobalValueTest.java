package hcr.compiler.debug;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Display and parse of every value kind, at the edges of each type's range. */
class GlobalValueTest {

    private static final GlobalType INT = new GlobalType("int", ValueKind.SIGNED_INTEGER, 4);
    private static final GlobalType UCHAR = new GlobalType("unsigned char", ValueKind.UNSIGNED_INTEGER, 1);
    private static final GlobalType CHAR = new GlobalType("char", ValueKind.SIGNED_INTEGER, 1);
    private static final GlobalType U64 = new GlobalType("uint64_t", ValueKind.UNSIGNED_INTEGER, 8);
    private static final GlobalType LONG = new GlobalType("long int", ValueKind.SIGNED_INTEGER, 8);
    private static final GlobalType DOUBLE = new GlobalType("double", ValueKind.FLOAT, 8);
    private static final GlobalType FLOAT = new GlobalType("float", ValueKind.FLOAT, 4);
    private static final GlobalType BOOL = new GlobalType("_Bool", ValueKind.BOOL, 1);
    private static final GlobalType POINTER = new GlobalType("int *", ValueKind.POINTER, 8);
    private static final GlobalType POINT = new GlobalType("struct point", ValueKind.BYTES, 8);
    private static final GlobalType MODE = new GlobalType("enum mode", ValueKind.UNSIGNED_INTEGER, 4,
            Map.of(BigInteger.ZERO, "MODE_IDLE", BigInteger.valueOf(5), "MODE_RUN"));

    private static byte[] hex(String text) {
        return HexFormat.of().parseHex(text);
    }

    private static String show(GlobalType type, String hex) {
        return new GlobalValue("v", type, hex(hex), false).display();
    }

    private static String parse(GlobalType type, String text) {
        return HexFormat.of().formatHex(GlobalValue.parse(type, "v", text));
    }

    private static String refusal(GlobalType type, String name, String text) {
        return assertThrows(InvalidValueException.class, () -> GlobalValue.parse(type, name, text)).getMessage();
    }

    @Test
    void integers_are_decimal_little_endian_and_range_checked() {
        assertEquals("42", show(INT, "2a000000"));
        assertEquals("-1", show(INT, "ffffffff"));
        assertEquals("-2147483648", show(INT, "00000080"));
        assertEquals("255", show(UCHAR, "ff"));
        assertEquals("-128", show(CHAR, "80"));
        assertEquals("18446744073709551615", show(U64, "ffffffffffffffff"));

        assertEquals("2a000000", parse(INT, "42"));
        assertEquals("2a000000", parse(INT, " +42 "));
        assertEquals("ffffffff", parse(INT, "-1"));
        assertEquals("00000080", parse(INT, "-2147483648"));
        assertEquals("ffffff7f", parse(INT, "2147483647"));
        assertEquals("ffffff7f", parse(INT, "0x7FFFFFFF"));
        assertEquals("00000080", parse(INT, "-0x80000000"));
        assertEquals("ff", parse(UCHAR, "255"));
        assertEquals("ffffffffffffffff", parse(U64, "18446744073709551615"));
        assertEquals("0000000000000080", parse(LONG, "-9223372036854775808"));

        assertEquals("'300' does not fit in unsigned char counter (0 to 255)", refusal(UCHAR, "counter", "300"));
        assertEquals("'-1' does not fit in unsigned char counter (0 to 255)", refusal(UCHAR, "counter", "-1"));
        assertEquals("'2147483648' does not fit in int counter (-2147483648 to 2147483647)",
                refusal(INT, "counter", "2147483648"));
        assertEquals("'18446744073709551616' does not fit in uint64_t big (0 to 18446744073709551615)",
                refusal(U64, "big", "18446744073709551616"));
        assertEquals("'4.5' is not a number: int counter takes a decimal or 0x hex integer",
                refusal(INT, "counter", "4.5"));
        assertEquals("'0x' is not a number: int counter takes a decimal or 0x hex integer", refusal(INT, "counter", "0x"));
        assertEquals("no value given for int counter", refusal(INT, "counter", "  "));
        assertEquals("no value given for int counter", refusal(INT, "counter", null));
    }

    @Test
    void enums_show_and_take_their_enumerator_names() {
        assertEquals("MODE_RUN", show(MODE, "05000000"));
        assertEquals("7", show(MODE, "07000000"), "a value no enumerator has");
        assertEquals("05000000", parse(MODE, "MODE_RUN"));
        assertEquals("07000000", parse(MODE, "7"));
        assertEquals("'MODE_FAST' is not a number: enum mode mode takes a decimal or 0x hex integer",
                refusal(MODE, "mode", "MODE_FAST"));
    }

    @Test
    void floats_are_the_shortest_decimal_that_reads_back_and_c_special_values() {
        assertEquals("1.5", show(DOUBLE, "000000000000f83f"));
        assertEquals("0.1", show(DOUBLE, "9a9999999999b93f"));
        assertEquals("1.0e-5", show(DOUBLE, HexFormat.of().formatHex(GlobalValue.parse(DOUBLE, "v", "1e-5"))));
        assertEquals("0.25", show(FLOAT, "0000803e"));
        assertEquals("0.1", show(FLOAT, parse(FLOAT, "0.1")), "a float's own shortest text, not the double's");
        assertEquals("inf", show(DOUBLE, "000000000000f07f"));
        assertEquals("-inf", show(FLOAT, "000080ff"));
        assertEquals("nan", show(DOUBLE, "000000000000f87f"));
        assertEquals("-0.0", show(DOUBLE, "0000000000000080"));

        assertEquals("000000000000f83f", parse(DOUBLE, "1.5"));
        assertEquals("0000000000000040", parse(DOUBLE, "2."));
        assertEquals("000000000000e03f", parse(DOUBLE, ".5"));
        assertEquals("0000803e", parse(FLOAT, "0.25f"));
        assertEquals("000000000000f07f", parse(DOUBLE, "inf"));
        assertEquals("000080ff", parse(FLOAT, "-INF"));
        assertEquals("'1e39' does not fit in float scale (largest 3.4028235e38)", refusal(FLOAT, "scale", "1e39"));
        assertEquals("'1e400' does not fit in double ratio (largest 1.7976931348623157e308)",
                refusal(DOUBLE, "ratio", "1e400"));
        assertEquals("'1.5d' is not a number: double ratio takes a decimal number such as 1.5 or -2e-3, inf or nan",
                refusal(DOUBLE, "ratio", "1.5d"));
        assertEquals("'0x1p3' is not a number: double ratio takes a decimal number such as 1.5 or -2e-3, inf or nan",
                refusal(DOUBLE, "ratio", "0x1p3"));
    }

    @Test
    void bools_pointers_and_bytes() {
        assertEquals("true", show(BOOL, "01"));
        assertEquals("false", show(BOOL, "00"));
        assertEquals("true (2)", show(BOOL, "02"));
        assertEquals("01", parse(BOOL, "TRUE"));
        assertEquals("00", parse(BOOL, "0"));
        assertEquals("'yes' is not a truth value: _Bool enabled takes true, false, 1 or 0", refusal(BOOL, "enabled", "yes"));

        assertEquals("0x7f3a2c014010", show(POINTER, "1040012c3a7f0000"));
        assertEquals("0x0", show(POINTER, "0000000000000000"));
        assertEquals("1040012c3a7f0000", parse(POINTER, "0x7f3a2c014010"));
        assertEquals("0000000000000000", parse(POINTER, "NULL"));
        assertEquals("'-8' does not fit in int * cursor (0 to 18446744073709551615)", refusal(POINTER, "cursor", "-8"));

        assertEquals("03 00 00 00 fc ff ff ff", show(POINT, "03000000fcffffff"));
        assertEquals("03000000fcffffff", parse(POINT, "03 00 00 00 fc ff ff ff"));
        assertEquals("03000000fcffffff", parse(POINT, "0x03000000FCFFFFFF"));
        assertEquals("'03 00' is 2 bytes: struct point origin takes exactly 8", refusal(POINT, "origin", "03 00"));
        assertEquals("'3' is not hex bytes: struct point origin takes exactly 8 bytes in hex, such as 01 02 03 04 ...",
                refusal(POINT, "origin", "3"));
        assertEquals("'zz' is not hex bytes: x (2 bytes, type unknown) takes exactly 2 bytes in hex, such as 01 02",
                refusal(GlobalType.unknown(2), "x", "zz"));
    }

    @Test
    void large_objects_show_the_bytes_read_and_how_many_there_are() {
        var big = new GlobalType("char[1024]", ValueKind.BYTES, 1024);
        var value = new GlobalValue("buffer", big, hex("41424344"), true);
        assertEquals("41 42 43 44 ... (first 4 of 1024 bytes)", value.display());
        assertFalse(value.editable());
        assertTrue(new GlobalValue("counter", INT, hex("2a000000"), false).editable());
        assertFalse(new GlobalValue("origin", POINT, hex("03000000fcffffff"), false).editable());
        assertEquals("char[1024] buffer = 41 42 43 44 ... (first 4 of 1024 bytes)", value.toString());
        assertEquals("41424344", value.hex());
    }

    @Test
    void a_value_holds_exactly_its_size_and_its_own_copy_of_the_bytes() {
        var bytes = hex("2a000000");
        var value = new GlobalValue("counter", INT, bytes, false);
        bytes[0] = 0;
        assertEquals("42", value.display());
        assertNotSame(value.bytes(), value.bytes());
        assertEquals(value, new GlobalValue("counter", INT, hex("2a000000"), false));
        assertEquals(value.hashCode(), new GlobalValue("counter", INT, hex("2a000000"), false).hashCode());
        assertArrayEquals(hex("2b000000"), value.parse("43"));
        assertThrows(IllegalArgumentException.class, () -> new GlobalValue("counter", INT, hex("2a"), false));
        assertThrows(IllegalArgumentException.class, () -> new GlobalValue("counter", INT, hex("2a00000000"), true));
    }
}

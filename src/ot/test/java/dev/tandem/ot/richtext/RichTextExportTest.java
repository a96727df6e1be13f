package dev.tandem.ot.richtext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Plain text, HTML and Markdown exports of a document, including hostile content. */
class RichTextExportTest {
    private static final RichTextType TYPE = RichTextType.INSTANCE;
    private static final Pattern TAG = Pattern.compile("<(/?)([a-zA-Z0-9]+)([^>]*)>");

    private static Delta doc(String json) {
        return TYPE.open(json).toDelta();
    }

    private static final Delta SAMPLE = doc("{\"ops\":["
            + "{\"insert\":\"Title\"},{\"insert\":\"\\n\",\"attributes\":{\"header\":1}},"
            + "{\"insert\":\"Some \"},{\"insert\":\"bold\",\"attributes\":{\"bold\":true}},{\"insert\":\" and \"},"
            + "{\"insert\":\"linked\",\"attributes\":{\"link\":\"https://example.com/a?b=1&c=2\",\"italic\":true}},"
            + "{\"insert\":\" \"},{\"insert\":\"x=1\",\"attributes\":{\"code\":true}},{\"insert\":\" \"},"
            + "{\"insert\":\"gone\",\"attributes\":{\"strike\":true}},{\"insert\":\" \"},"
            + "{\"insert\":\"red\",\"attributes\":{\"color\":\"red\",\"underline\":true}},{\"insert\":\"\\n\"},"
            + "{\"insert\":\"one\"},{\"insert\":\"\\n\",\"attributes\":{\"list\":\"bullet\"}},"
            + "{\"insert\":\"inner\"},{\"insert\":\"\\n\",\"attributes\":{\"list\":\"bullet\",\"indent\":1}},"
            + "{\"insert\":\"two\"},{\"insert\":\"\\n\",\"attributes\":{\"list\":\"bullet\"}},"
            + "{\"insert\":\"first\"},{\"insert\":\"\\n\",\"attributes\":{\"list\":\"ordered\"}},"
            + "{\"insert\":\"done\"},{\"insert\":\"\\n\",\"attributes\":{\"list\":\"checked\"}},"
            + "{\"insert\":\"todo\"},{\"insert\":\"\\n\",\"attributes\":{\"list\":\"unchecked\"}},"
            + "{\"insert\":\"quoted\"},{\"insert\":\"\\n\",\"attributes\":{\"blockquote\":true}},"
            + "{\"insert\":\"let a = 1;\"},{\"insert\":\"\\n\",\"attributes\":{\"code-block\":\"js\"}},"
            + "{\"insert\":\"a < b\"},{\"insert\":\"\\n\",\"attributes\":{\"code-block\":\"js\"}},"
            + "{\"insert\":{\"image\":\"https://example.com/i.png\"}},{\"insert\":{\"formula\":\"x^2\"}},"
            + "{\"insert\":\"\\n\\n\"}]}");

    @Test
    void plainTextLeavesFormatsAndEmbedsOut() {
        assertEquals("Title\nSome bold and linked x=1 gone red\none\ninner\ntwo\nfirst\ndone\ntodo\nquoted\n"
                + "let a = 1;\na < b\n\n\n", SAMPLE.plainText());
        assertEquals(SAMPLE.plainText(), RichTextDocument.of(SAMPLE).plainText());
    }

    @Test
    void htmlHasTheAllowListedFormatsAsTags() {
        assertEquals("<h1>Title</h1>"
                + "<p>Some <strong>bold</strong> and <a href=\"https://example.com/a?b=1&amp;c=2\"><em>linked</em></a> "
                + "<code>x=1</code> <s>gone</s> <u>red</u></p>"
                + "<ul><li>one<ul><li>inner</li></ul></li><li>two</li></ul>"
                + "<ol><li>first</li></ol>"
                + "<ul data-checklist=\"true\"><li data-checked=\"true\">done</li><li data-checked=\"false\">todo</li></ul>"
                + "<blockquote>quoted</blockquote>"
                + "<pre data-language=\"js\">let a = 1;\na &lt; b</pre>"
                + "<p><img src=\"https://example.com/i.png\" alt=\"\"><code>x^2</code></p>"
                + "<p><br></p>", HtmlExport.html(SAMPLE));
    }

    @Test
    void markdownHasHeadingsEmphasisLinksListsQuotesAndCode() {
        assertEquals("# Title\n\n"
                + "Some **bold** and [_linked_](https://example.com/a?b=1&c=2) `x=1` ~~gone~~ red\n\n"
                + "- one\n    - inner\n- two\n1. first\n- [x] done\n- [ ] todo\n\n"
                + "> quoted\n\n"
                + "```js\nlet a = 1;\na < b\n```\n\n"
                + "![](https://example.com/i.png)`x^2`\n", MarkdownExport.markdown(SAMPLE));
    }

    private static final String HOSTILE = "<script>alert(\"x\")</script> \" onmouseover=\"alert(1)\" ' & <img src=x onerror=alert(1)>";

    @Test
    void hostileTextNeverBecomesMarkupInHtml() {
        Attributes link = Attributes.builder().put("link", "https://e.com/\"><script>alert(1)</script>").put("bold", true).build();
        Delta d = Delta.builder().insert(HOSTILE).insert(HOSTILE, link).insert("\n")
                .insert(HOSTILE).insert("\n", Attributes.builder().put("code-block", "js").build())
                .insert(HOSTILE).insert("\n", Attributes.builder().put("header", 2).build()).build();
        String html = HtmlExport.html(d);
        assertFalse(html.contains("<script"), html);
        assertFalse(html.contains("<img"), html);
        assertFalse(html.contains("\" onmouseover"), html);
        assertTrue(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &quot; onmouseover=&quot;alert(1)&quot; &#39; &amp;"), html);
        assertTrue(html.contains("<a href=\"https://e.com/&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\">"), html);
        assertOnlyAllowedTags(html);
    }

    @Test
    void randomDocumentsGiveOnlyAllowListedBalancedTags() {
        Random r = new Random(21);
        Attributes noCode = Attributes.builder().put("code", null).put("code-block", null).build();
        for (int i = 0; i < 500; i++) {
            Delta d = RandomDeltas.document(r, 12);
            assertOnlyAllowedTags(HtmlExport.html(d));
            // Outside code (which Markdown shows verbatim), every < is escaped.
            Delta withoutCode = d.compose(Delta.builder().retain((int) d.length(), noCode).build());
            String md = MarkdownExport.markdown(withoutCode);
            assertFalse(md.replace("\\<", "").contains("<"), md);
        }
    }

    private static void assertOnlyAllowedTags(String html) {
        Matcher m = TAG.matcher(html);
        java.util.ArrayDeque<String> open = new java.util.ArrayDeque<>();
        while (m.find()) {
            String name = m.group(2);
            assertTrue(name.matches("h[1-6]|p|br|strong|em|u|s|code|a|ul|ol|li|blockquote|pre|img"), "tag " + name + " in " + html);
            String attrs = m.group(3);
            assertTrue(attrs.isEmpty() || attrs.matches("( (href|src|alt|data-language|data-checklist|data-checked)=\"[^\"<>]*\")+"),
                    "attributes " + attrs + " in " + html);
            if (name.equals("br") || name.equals("img")) {
                continue;
            }
            if (m.group(1).isEmpty()) {
                open.push(name);
            } else {
                assertEquals(open.pop(), name, "balanced in " + html);
            }
        }
        assertTrue(open.isEmpty(), "all closed in " + html);
    }

    @Test
    void hostileTextStaysTextInMarkdown() {
        Delta d = Delta.builder().insert("# not a heading *not bold* [x](javascript:alert(1)) <b>raw</b> `tick` 1. no\n")
                .insert("- not a list\n").insert("2) nor this\n")
                .insert("code with ``` fence").insert("\n", Attributes.builder().put("code-block", true).build())
                .insert("span `with` ticks", Attributes.builder().put("code", true).build())
                .insert("link", Attributes.builder().put("link", "https://e.com/a b)(<c>").build()).insert("\n").build();
        assertEquals("\\# not a heading \\*not bold\\* \\[x\\](javascript:alert(1)) \\<b\\>raw\\</b\\> \\`tick\\` 1. no\n\n"
                + "\\- not a list\n\n"
                + "2\\) nor this\n\n"
                + "````\ncode with ``` fence\n````\n\n"
                + "``span `with` ticks``[link](https://e.com/a%20b%29%28%3Cc%3E)\n", MarkdownExport.markdown(d));
    }
}

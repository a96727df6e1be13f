package dev.tandem.ot.richtext;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * A document as sanitised HTML: every character of content is escaped, and only allow-listed
 * formats become tags: {@code h1}-{@code h6}, {@code p}, {@code blockquote}, {@code pre},
 * {@code ul}/{@code ol}/{@code li} (checklists as {@code ul data-checklist} with
 * {@code li data-checked}), {@code strong}, {@code em}, {@code u}, {@code s}, {@code code} and
 * {@code a href} (its URL checked again here). An image becomes {@code img src} (an http(s) URL by
 * the allow-list), a video a link to it, a formula its TeX in {@code code}. Colours, sizes,
 * alignment and scripts are left out: they would need inline styles.
 */
public final class HtmlExport {
    private HtmlExport() {
    }

    public static String html(Delta document) {
        StringBuilder out = new StringBuilder();
        List<Line> lines = Line.of(document);
        for (int i = 0; i < lines.size(); ) {
            Line line = lines.get(i);
            if (line.list() != null) {
                i = list(lines, i, out);
            } else if (line.codeBlock() != null) {
                i = codeBlock(lines, i, out);
            } else {
                String tag = line.header() > 0 ? "h" + line.header() : line.blockquote() ? "blockquote" : "p";
                out.append('<').append(tag).append('>');
                if (line.isEmpty()) {
                    out.append("<br>");
                } else {
                    inline(line, out);
                }
                out.append("</").append(tag).append('>');
                i++;
            }
        }
        return out.toString();
    }

    /** Writes the run of list lines from {@code i}, nested by indent; returns the index after it. */
    private static int list(List<Line> lines, int i, StringBuilder out) {
        record Open(String tag, String kind, int indent) {
        }
        Deque<Open> open = new ArrayDeque<>();
        for (; i < lines.size() && lines.get(i).list() != null; i++) {
            Line line = lines.get(i);
            String kind = kindOf(line.list());
            int indent = line.indent();
            while (!open.isEmpty() && (open.peek().indent > indent
                    || open.peek().indent == indent && !open.peek().kind.equals(kind))) {
                out.append("</li></").append(open.pop().tag).append('>');
            }
            if (!open.isEmpty() && open.peek().indent == indent) {
                out.append("</li>");
            } else {
                String tag = kind.equals("ordered") ? "ol" : "ul";
                out.append('<').append(tag).append(kind.equals("checklist") ? " data-checklist=\"true\">" : ">");
                open.push(new Open(tag, kind, indent));
            }
            out.append(switch (line.list()) {
                case "checked" -> "<li data-checked=\"true\">";
                case "unchecked" -> "<li data-checked=\"false\">";
                default -> "<li>";
            });
            inline(line, out);
        }
        while (!open.isEmpty()) {
            out.append("</li></").append(open.pop().tag).append('>');
        }
        return i;
    }

    private static String kindOf(String list) {
        return list.equals("checked") || list.equals("unchecked") ? "checklist" : list;
    }

    /** Writes the run of code lines of one language from {@code i} as one {@code pre}. */
    private static int codeBlock(List<Line> lines, int i, StringBuilder out) {
        Object language = lines.get(i).codeBlock();
        out.append("<pre");
        if (language instanceof String s) {
            out.append(" data-language=\"").append(escape(s)).append('"');
        }
        out.append('>');
        boolean first = true;
        for (; i < lines.size() && language.equals(lines.get(i).codeBlock()); i++) {
            if (!first) {
                out.append('\n');
            }
            out.append(escape(lines.get(i).text()));
            first = false;
        }
        out.append("</pre>");
        return i;
    }

    private static void inline(Line line, StringBuilder out) {
        for (DeltaOp part : line.parts()) {
            Attributes a = part.attributes();
            String link = a.has(AttributeKind.LINK) ? (String) a.get(AttributeKind.LINK) : null;
            if (link != null && !Urls.allowed(link, Urls.LINK_SCHEMES, AttributeKind.MAX_URL)) {
                link = null;
            }
            if (link != null) {
                out.append("<a href=\"").append(escape(link)).append("\">");
            }
            StringBuilder close = new StringBuilder();
            open(a, AttributeKind.BOLD, "strong", out, close);
            open(a, AttributeKind.ITALIC, "em", out, close);
            open(a, AttributeKind.UNDERLINE, "u", out, close);
            open(a, AttributeKind.STRIKE, "s", out, close);
            open(a, AttributeKind.CODE, "code", out, close);
            if (part instanceof DeltaOp.TextInsert t) {
                out.append(escape(t.text()));
            } else {
                embed(((DeltaOp.EmbedInsert) part).embed(), out);
            }
            out.append(close);
            if (link != null) {
                out.append("</a>");
            }
        }
    }

    private static void open(Attributes a, AttributeKind kind, String tag, StringBuilder out, StringBuilder close) {
        if (a.has(kind)) {
            out.append('<').append(tag).append('>');
            close.insert(0, "</" + tag + ">");
        }
    }

    private static void embed(Embed e, StringBuilder out) {
        switch (e.kind()) {
            case IMAGE -> out.append("<img src=\"").append(escape(e.value())).append("\" alt=\"\">");
            case VIDEO -> out.append("<a href=\"").append(escape(e.value())).append("\">").append(escape(e.value())).append("</a>");
            case FORMULA -> out.append("<code>").append(escape(e.value())).append("</code>");
        }
    }

    /** Escapes text for HTML content and quoted attribute values alike. */
    static String escape(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String rep = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> null;
            };
            if (rep != null && sb == null) {
                sb = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (sb != null) {
                if (rep != null) {
                    sb.append(rep);
                } else {
                    sb.append(c);
                }
            }
        }
        return sb == null ? s : sb.toString();
    }
}

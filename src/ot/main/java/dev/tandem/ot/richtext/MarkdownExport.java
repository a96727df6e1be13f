package dev.tandem.ot.richtext;

import java.util.List;

/**
 * A document as CommonMark (with GitHub's strikethrough and task lists): headings, bold, italic,
 * strike, inline code, links, lists (nested by indent), quotes and fenced code blocks. Text is
 * escaped so that nothing in it becomes markup or raw HTML; other formats are left out.
 */
public final class MarkdownExport {
    /** ASCII punctuation that can start or end markup anywhere in a line. */
    private static final String ALWAYS_ESCAPED = "\\`*_[]<>~|&";

    private MarkdownExport() {
    }

    public static String markdown(Delta document) {
        StringBuilder out = new StringBuilder();
        List<Line> lines = Line.of(document);
        String previous = null; // the kind of the last block, to know where blank lines go
        for (int i = 0; i < lines.size(); ) {
            Line line = lines.get(i);
            String kind = line.list() != null ? "list" : line.codeBlock() != null ? "code" : "other";
            if (line.isEmpty() && kind.equals("other")) {
                i++;
                continue; // empty paragraphs collapse in Markdown anyway
            }
            if (previous != null && !(kind.equals("list") && previous.equals("list"))) {
                out.append('\n');
            }
            if (kind.equals("code")) {
                i = codeBlock(lines, i, out);
            } else {
                if (kind.equals("list")) {
                    out.append("    ".repeat(line.indent())).append(switch (line.list()) {
                        case "ordered" -> "1. ";
                        case "checked" -> "- [x] ";
                        case "unchecked" -> "- [ ] ";
                        default -> "- ";
                    });
                } else if (line.header() > 0) {
                    out.append("#".repeat(line.header())).append(' ');
                } else if (line.blockquote()) {
                    out.append("> ");
                }
                inline(line, out);
                out.append('\n');
                i++;
            }
            previous = kind;
        }
        return out.toString();
    }

    private static int codeBlock(List<Line> lines, int i, StringBuilder out) {
        Object language = lines.get(i).codeBlock();
        StringBuilder body = new StringBuilder();
        for (; i < lines.size() && language.equals(lines.get(i).codeBlock()); i++) {
            body.append(lines.get(i).text()).append('\n');
        }
        String fence = "`".repeat(Math.max(3, longestRun(body, '`') + 1));
        out.append(fence).append(language instanceof String s ? s : "").append('\n').append(body).append(fence).append('\n');
        return i;
    }

    private static void inline(Line line, StringBuilder out) {
        boolean lineStart = true;
        for (DeltaOp part : line.parts()) {
            Attributes a = part.attributes();
            String content;
            if (part instanceof DeltaOp.TextInsert t) {
                content = a.has(AttributeKind.CODE) ? codeSpan(t.text()) : escape(t.text(), lineStart);
            } else {
                content = embed(((DeltaOp.EmbedInsert) part).embed());
            }
            lineStart = false;
            // Emphasis markers must touch the text, so leading and trailing spaces go outside them.
            int lead = 0;
            while (lead < content.length() && content.charAt(lead) == ' ') {
                lead++;
            }
            int trail = content.length();
            while (trail > lead && content.charAt(trail - 1) == ' ') {
                trail--;
            }
            String core = content.substring(lead, trail);
            if (!core.isEmpty()) {
                if (a.has(AttributeKind.STRIKE)) {
                    core = "~~" + core + "~~";
                }
                if (a.has(AttributeKind.ITALIC)) {
                    core = "_" + core + "_";
                }
                if (a.has(AttributeKind.BOLD)) {
                    core = "**" + core + "**";
                }
                if (a.has(AttributeKind.LINK) && Urls.allowed((String) a.get(AttributeKind.LINK), Urls.LINK_SCHEMES, AttributeKind.MAX_URL)) {
                    core = "[" + core + "](" + destination((String) a.get(AttributeKind.LINK)) + ")";
                }
            }
            out.append(content, 0, lead).append(core).append(content, trail, content.length());
        }
    }

    private static String embed(Embed e) {
        return switch (e.kind()) {
            case IMAGE -> "![](" + destination(e.value()) + ")";
            case VIDEO -> "[" + escape(e.value(), false) + "](" + destination(e.value()) + ")";
            case FORMULA -> codeSpan(e.value());
        };
    }

    /** A code span holding {@code text} verbatim: a fence longer than any run of backticks in it. */
    private static String codeSpan(String text) {
        String fence = "`".repeat(longestRun(text, '`') + 1);
        boolean pad = text.startsWith("`") || text.endsWith("`") || (text.startsWith(" ") && text.endsWith(" ") && !text.isBlank());
        return fence + (pad ? " " : "") + text + (pad ? " " : "") + fence;
    }

    /** A link destination: characters that would end or break it are percent-encoded. */
    private static String destination(String url) {
        StringBuilder sb = new StringBuilder(url.length());
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            switch (c) {
                case ' ' -> sb.append("%20");
                case '(' -> sb.append("%28");
                case ')' -> sb.append("%29");
                case '<' -> sb.append("%3C");
                case '>' -> sb.append("%3E");
                case '\\' -> sb.append("%5C");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /**
     * Escapes {@code text} so that it stays text: punctuation that opens markup anywhere, and at the
     * start of a line what would make a heading, list, quote or rule.
     */
    static String escape(String text, boolean lineStart) {
        StringBuilder sb = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (ALWAYS_ESCAPED.indexOf(c) >= 0) {
                sb.append('\\');
            } else if (lineStart && sb.length() == 0 && "#+-=".indexOf(c) >= 0) {
                sb.append('\\');
            } else if (lineStart && (c == '.' || c == ')') && allDigits(sb)) {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }

    private static boolean allDigits(CharSequence s) {
        if (s.length() == 0) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i)) || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static int longestRun(CharSequence s, char c) {
        int best = 0;
        int run = 0;
        for (int i = 0; i < s.length(); i++) {
            run = s.charAt(i) == c ? run + 1 : 0;
            best = Math.max(best, run);
        }
        return best;
    }
}

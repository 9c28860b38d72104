package dev.medley.metadata;

import java.util.ArrayList;
import java.util.List;

/**
 * Holds a path cut into folders, a file name and a known extension. A slash splits only where it
 * can be a path separator: not inside brackets, not with a space on each side ("Title / Other Title"),
 * and not between two language codes ("Ukr/Eng"), since release names use slashes in those places.
 *
 * @param folders the folder names, outermost first, without empty ones or drive letters
 * @param name the file name without its extension
 * @param extension the extension in lower case, or "" when the name has no known one
 * @param ownFolders how many of the nearest folders lie below the scan root the file was found under, or -1 when
 *     there is no scan root and every folder is the file's own
 */
record PathName(List<String> folders, String name, String extension, int ownFolders) {
    /** Caps the folders read: the nearest ones are the ones that name things. */
    private static final int MAX_FOLDERS = 16;
    /** Caps the length of each part read, so that a hostile name costs no more than a long one. */
    static final int MAX_PART = 1024;

    static PathName split(String input) {
        List<String> parts = new ArrayList<>(4);
        int depth = 0;
        int from = 0;
        int n = input.length();
        for (int i = 0; i < n; i++) {
            char c = input.charAt(i);
            if (Tokenizer.isOpener(c) && c != '<') {
                depth++;
            } else if (Tokenizer.isCloser(c) && c != '>' && depth > 0) {
                depth--;
            } else if (c == '\\' || (c == '/' && depth == 0 && separates(input, i))) {
                add(parts, input.substring(from, i));
                from = i + 1;
            }
        }
        add(parts, input.substring(from));
        String last = parts.isEmpty() ? "" : parts.remove(parts.size() - 1);
        while (parts.size() > MAX_FOLDERS) {
            parts.remove(0);
        }
        String ext = Extensions.of(last);
        String name = ext.isEmpty() ? last : last.substring(0, last.length() - ext.length() - 1);
        return new PathName(List.copyOf(parts), clip(name), ext, -1);
    }

    /** Returns this path with {@code own} of its nearest folders below the scan root (-1: all of them). */
    PathName withOwnFolders(int own) {
        int bounded = own < 0 ? -1 : Math.min(own, folders.size());
        return bounded == ownFolders ? this : new PathName(folders, name, extension, bounded);
    }

    /**
     * Says whether the folder at {@code index} lies below the scan root: the user's own arrangement of
     * the files, rather than the scan root itself or the folders that hold it.
     */
    boolean belowRoot(int index) {
        return ownFolders < 0 || index >= folders.size() - ownFolders;
    }

    /**
     * Returns how many folders of {@code path} lie below {@code root}, or -1 when {@code root} is null or
     * not a folder above it. A path that is the root itself (a file given alone) has none.
     */
    static int foldersBelow(String path, String root) {
        if (root == null || !path.startsWith(root)) {
            return -1;
        }
        String below = path.substring(root.length());
        if (below.isEmpty()) {
            return 0;
        }
        char first = below.charAt(0);
        boolean atSeparator = first == '/' || first == '\\' || root.endsWith("/") || root.endsWith("\\");
        return atSeparator ? split(below).folders().size() : -1;
    }

    private static void add(List<String> parts, String part) {
        String p = part.strip();
        if (p.isEmpty() || (p.length() == 2 && p.charAt(1) == ':') || p.equals(".") || p.equals("..")) {
            return;
        }
        parts.add(clip(p));
    }

    private static String clip(String s) {
        return s.length() <= MAX_PART ? s : s.substring(0, MAX_PART);
    }

    /** Says whether the slash at {@code i} separates path parts. */
    private static boolean separates(String s, int i) {
        if (i > 0 && s.charAt(i - 1) == ' ' && i + 1 < s.length() && s.charAt(i + 1) == ' ') {
            return false;
        }
        int a = i;
        while (a > 0 && Character.isLetter(s.charAt(a - 1)) && i - a < 12) {
            a--;
        }
        int b = i + 1;
        while (b < s.length() && Character.isLetter(s.charAt(b)) && b - i < 12) {
            b++;
        }
        return !(a < i && b > i + 1 && Vocabulary.isLanguage(s.substring(a, i).toLowerCase(java.util.Locale.ROOT))
                && Vocabulary.isLanguage(s.substring(i + 1, b).toLowerCase(java.util.Locale.ROOT)));
    }

    /** Returns this path with {@code name} for its file name, the extension kept. */
    PathName named(String name) {
        return new PathName(folders, name, extension, ownFolders);
    }

    /** Returns this path with its extension read back as part of the name. */
    PathName withoutExtension() {
        return extension.isEmpty() ? this : new PathName(folders, name + "." + extension, "", ownFolders);
    }

    /** Returns the nearest folder, or null. */
    String parent() {
        return folders.isEmpty() ? null : folders.get(folders.size() - 1);
    }
}

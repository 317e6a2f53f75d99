package org.newsarchive.analysis;

import java.io.IOException;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.KeywordAttribute;

/** Sets the keyword flag on tokens that begin with an upper-case letter; other tokens pass unchanged. */
public final class ProperNounMarkerFilter extends TokenFilter {

    private final CharTermAttribute termAtt = addAttribute(CharTermAttribute.class);
    private final KeywordAttribute keywordAtt = addAttribute(KeywordAttribute.class);

    public ProperNounMarkerFilter(TokenStream input) {
        super(input);
    }

    @Override
    public boolean incrementToken() throws IOException {
        if (!input.incrementToken()) {
            return false;
        }
        if (termAtt.length() > 0 && Character.isUpperCase(Character.codePointAt(termAtt.buffer(), 0))) {
            keywordAtt.setKeyword(true);
        }
        return true;
    }
}

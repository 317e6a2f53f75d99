package org.newsarchive.analysis;

import java.io.IOException;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.KeywordAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * Emits every non-keyword token twice at the same position: first as a keyword (the original form, which a
 * stemmer leaves alone), then as a normal token (which the stemmer stems). Keyword tokens pass once. Unlike
 * Lucene's KeywordRepeatFilter it respects keywords set earlier (proper nouns stay unstemmed). Follow the
 * stemmer with RemoveDuplicatesTokenFilter so that words whose stem is the word itself are indexed once.
 */
public final class KeepOriginalFilter extends TokenFilter {

    private final KeywordAttribute keywordAtt = addAttribute(KeywordAttribute.class);
    private final PositionIncrementAttribute posIncAtt = addAttribute(PositionIncrementAttribute.class);
    private State pending;

    public KeepOriginalFilter(TokenStream input) {
        super(input);
    }

    @Override
    public boolean incrementToken() throws IOException {
        if (pending != null) {
            restoreState(pending);
            pending = null;
            posIncAtt.setPositionIncrement(0);
            keywordAtt.setKeyword(false);
            return true;
        }
        if (!input.incrementToken()) {
            return false;
        }
        if (!keywordAtt.isKeyword()) {
            pending = captureState();
            keywordAtt.setKeyword(true);
        }
        return true;
    }

    @Override
    public void reset() throws IOException {
        super.reset();
        pending = null;
    }
}
